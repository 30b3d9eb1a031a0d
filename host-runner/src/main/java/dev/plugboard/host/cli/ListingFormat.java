package dev.plugboard.host.cli;

import dev.plugboard.host.output.TableWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code --format text|csv|jsonl} of the commands that show a listing to people by default ({@code diff},
 * {@code store query}). Picocli converts the value (any case), completes it, and names the allowed values when it
 * is none of them.
 */
enum ListingFormat {
    /** Aligned text for people. */
    TEXT,
    /** RFC 4180 CSV. */
    CSV,
    /** JSON Lines. */
    JSONL;

    /** @return the table format, or empty for text */
    Optional<TableWriter.Format> table() {
        return this == TEXT ? Optional.empty() : Optional.of(TableWriter.Format.valueOf(name()));
    }

    /** @return the name as typed on the command line, e.g. {@code jsonl} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
