package dev.plugboard.host.sync;

import dev.plugboard.spi.Resource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a sync stands after its output's last written record: what is written (as counts) and what is left to do
 * (the frontier). A checkpoint saves it; a resumed sync starts from it and fetches no page already written.
 *
 * @param counts         records written
 * @param frontier       the work left, in walk order
 * @param elapsedMillis  wall time spent so far
 * @param calls          plugin calls made so far
 * @param requests       requests the plugin reported so far
 * @param retries        host retries so far
 * @param pluginRetries  retries the plugin reported so far
 */
public record SyncState(SyncCounts counts, List<FrontierEntry> frontier, long elapsedMillis, long calls,
                        long requests, long retries, long pluginRetries) {

    /** Checks and copies. */
    public SyncState {
        Objects.requireNonNull(counts, "counts");
        frontier = List.copyOf(frontier);
    }

    /** A piece of work left. */
    public sealed interface FrontierEntry {
        /** @return its position in the walk */
        WalkKey key();
    }

    /**
     * A page still to fetch (and every page after it in the same listing).
     *
     * @param key     the page's position
     * @param listing the listing
     * @param token   the page token, empty for the first page
     */
    public record PageEntry(WalkKey key, Listing listing, Optional<String> token) implements FrontierEntry {
        /** Checks every component. */
        public PageEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(listing, "listing");
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * A resource fetched but not yet written (its page's later resources are written after it).
     *
     * @param key      its position
     * @param resource the resource, parent filled in
     */
    public record ResourceEntry(WalkKey key, Resource resource) implements FrontierEntry {
        /** Checks every component. */
        public ResourceEntry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(resource, "resource");
        }
    }
}
