package dev.plugboard.host.cli;

import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import dev.plugboard.host.store.SyncStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Picks a completed sync from a sync id or a date, as {@code --sync}, {@code --at}, {@code --from}, {@code --to} say. */
final class SyncSelector {
    private SyncSelector() {
    }

    /**
     * @param option the option's name, for messages
     * @param text   a date ({@code 2026-12-01}: the end of that day, UTC) or a time ({@code 2026-12-01T10:00:00Z})
     * @return the moment
     */
    static Instant moment(String option, String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new HostException(ExitCode.USAGE, option + " " + text + ": expected a sync id (12), a date"
                    + " (2026-12-01, meaning the end of that day, UTC) or a time (2026-12-01T10:00:00Z)", e);
        }
    }

    /**
     * @param store      the store
     * @param connection the connection
     * @param option     the option's name
     * @param text       a sync id or a date
     * @return the completed sync it names: that sync, or the last one completed at or before the date
     */
    static StoredSync select(Store store, StoredConnection connection, String option, String text) {
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return store.completedSync(connection, Long.parseLong(text));
        }
        Instant at = moment(option, text);
        return store.completedAt(connection, at).orElseThrow(() -> new HostException(ExitCode.USAGE,
                "connection '" + connection.name() + "' has no sync completed by " + at + firstCompleted(store,
                        connection)));
    }

    private static String firstCompleted(Store store, StoredConnection connection) {
        List<StoredSync> done = store.syncs(java.util.Optional.of(connection)).stream()
                .filter(s -> s.status() == SyncStatus.COMPLETED).toList();
        return done.isEmpty() ? " (it has no completed sync yet)" : "; its first completed sync is "
                + done.get(0).label();
    }

    /** @return the last completed sync of the connection */
    static StoredSync latest(Store store, StoredConnection connection) {
        return store.completedAt(connection, Instant.now().plusSeconds(3600)).orElseThrow(() ->
                new HostException(ExitCode.USAGE, "connection '" + connection.name() + "' has no completed sync yet;"
                        + " run plugboard sync first"));
    }
}
