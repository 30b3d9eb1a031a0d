package dev.plugboard.sentry.identity;

import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Guards the sync's paged listings against a server whose pagination never ends or repeats itself (issue 14).
 * Per listing (from its first page, as long as it goes on) it remembers the records returned: a record returned
 * again is dropped, never handed to the host twice; a page made only of records already returned means the cursor
 * loops, and a listing longer than {@link #MAX_PAGES} pages means it never ends: both stop the listing with an
 * UNAVAILABLE failure that says so. Page tokens stay Sentry's cursors. Thread-safe; pages of one listing come one
 * after another.
 */
final class ListingGuard {
    /** The most pages read from one listing: 10,000 pages of 100, a million records. */
    static final int MAX_PAGES = 10_000;

    private static final class Listing {
        final Set<String> seen = new HashSet<>();
        int pages;
    }

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    private final ConnectorLogger logger;
    private final int maxPages;

    ListingGuard(ConnectorLogger logger) {
        this(logger, MAX_PAGES);
    }

    ListingGuard(ConnectorLogger logger, int maxPages) {
        this.logger = logger;
        this.maxPages = maxPages;
    }

    /**
     * @param listing which listing, e.g. {@code members} or {@code members of team:5}
     * @param first   whether this is its first page (no page token)
     * @param page    the page as read
     * @param key     what identifies a record of it
     * @return the page without the records the listing already returned
     * @throws SentryException UNAVAILABLE when the listing passed {@link #MAX_PAGES} pages or the page repeats
     *     only records already returned
     */
    <T> Page<T> admit(String listing, boolean first, Page<T> page, Function<T, String> key) {
        Listing state = first ? new Listing() : listings.computeIfAbsent(listing, k -> new Listing());
        if (first) {
            listings.put(listing, state);
        }
        List<T> kept = new ArrayList<>(page.items().size());
        String repeated = null;
        int pageNumber;
        synchronized (state) {
            pageNumber = ++state.pages;
            if (pageNumber > maxPages) {
                listings.remove(listing);
                throw new SentryException(ErrorKind.UNAVAILABLE, "remote.endless-listing", "Sentry kept answering"
                        + " the " + listing + " listing with a next page: " + maxPages + " pages is the most the"
                        + " connector reads from one listing, so its cursor does not end. Stopped; try again later.");
            }
            for (T item : page.items()) {
                String k = key.apply(item);
                if (state.seen.add(k)) {
                    kept.add(item);
                } else if (repeated == null) {
                    repeated = k;
                }
            }
        }
        if (!page.items().isEmpty() && kept.isEmpty()) {
            listings.remove(listing);
            throw new SentryException(ErrorKind.UNAVAILABLE, "remote.looping-listing", "Sentry answered page "
                    + pageNumber + " of the " + listing + " listing with only records it had already returned (such"
                    + " as " + repeated + "): its cursor loops. Stopped; try again later.");
        }
        if (repeated != null) {
            logger.warn("Sentry returned " + (page.items().size() - kept.size()) + " record(s) of the " + listing
                    + " listing again on page " + pageNumber + " (such as " + repeated + "); each is kept once");
        }
        if (page.nextToken().isEmpty()) {
            listings.remove(listing);
        }
        return new Page<>(kept, page.nextToken());
    }
}
