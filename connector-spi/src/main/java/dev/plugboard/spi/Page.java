package dev.plugboard.spi;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. The host asks for the next page with {@link #nextToken()} until it is empty; it may save
 * the token in a checkpoint and ask for that page again in another process, so a token must be self-contained text.
 *
 * @param items     the items of this page, possibly none
 * @param nextToken the opaque token of the next page, absent on the last page
 * @param <T>       the item type
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    /** Checks and copies. */
    public Page {
        items = List.copyOf(Checks.noNulls(items, "items"));
        Checks.present(nextToken, "nextToken");
        nextToken.ifPresent(t -> Checks.text(t, "nextToken"));
    }

    /** @return the last page holding these items */
    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    /** @return a page followed by the page with {@code nextToken} */
    public static <T> Page<T> of(List<T> items, String nextToken) {
        return new Page<>(items, Optional.of(nextToken));
    }

    /** @return an empty last page */
    public static <T> Page<T> empty() {
        return new Page<>(List.of(), Optional.empty());
    }

    /** @return whether a next page exists */
    public boolean hasNext() {
        return nextToken.isPresent();
    }
}
