package dev.plugboard.host.sync;

import dev.plugboard.spi.Cancellation;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a sync runs.
 *
 * @param concurrency        the most plugin calls in flight at once (a retry's wait counts as in flight)
 * @param lookahead          the most records fetched ahead of the writer (records waiting for an earlier page to be
 *                           written first); bounds memory together with the page size. The earliest unfetched page
 *                           is always allowed, so the walk never stalls
 * @param types              resource type ids to walk, top-level and as children; empty for all
 * @param checkpointInterval the least time between two checkpoints ({@link Duration#ZERO}: after every write)
 * @param progressInterval   the least time between two progress reports
 * @param cancellation       checked between events; when it fires the sync stops with a checkpoint
 */
public record SyncOptions(int concurrency, int lookahead, List<String> types, Duration checkpointInterval,
                          Duration progressInterval, Cancellation cancellation) {

    /** The least default lookahead. */
    public static final int DEFAULT_LOOKAHEAD = 10_000;
    /** Heap bytes allowed per record of default lookahead: a quarter of the heap at about 1 KiB a record. */
    private static final long HEAP_BYTES_PER_RECORD = 4_096;

    /** Checks and copies. */
    public SyncOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1, got " + lookahead);
        }
        types = List.copyOf(types);
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /**
     * @param concurrency the most calls in flight
     * @return defaults: every type, lookahead {@value #DEFAULT_LOOKAHEAD}, checkpoints every 5 s, progress every
     *         second, never cancelled
     */
    public static SyncOptions of(int concurrency) {
        return new SyncOptions(concurrency, DEFAULT_LOOKAHEAD, List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Cancellation.never());
    }

    /**
     * The lookahead for a heap of this size: one record per {@value #HEAP_BYTES_PER_RECORD} bytes, at least
     * {@value #DEFAULT_LOOKAHEAD}. A deeper lookahead lets pages of a later listing be fetched while an earlier,
     * longer chain of pages is still being read (team members while the members list pages by), which is what
     * keeps a large sync near the bound the remote system's rate limits set.
     *
     * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()})
     * @return the lookahead
     */
    public static int lookaheadFor(long maxHeapBytes) {
        long byHeap = maxHeapBytes / HEAP_BYTES_PER_RECORD;
        return (int) Math.max(DEFAULT_LOOKAHEAD, Math.min(byHeap, 1_000_000));
    }

    /** @return a copy walking only these types (empty: all) */
    public SyncOptions withTypes(List<String> newTypes) {
        return new SyncOptions(concurrency, lookahead, newTypes, checkpointInterval, progressInterval, cancellation);
    }

    /** @return a copy with this lookahead */
    public SyncOptions withLookahead(int newLookahead) {
        return new SyncOptions(concurrency, newLookahead, types, checkpointInterval, progressInterval, cancellation);
    }

    /** @return a copy with this checkpoint interval */
    public SyncOptions withCheckpointInterval(Duration interval) {
        return new SyncOptions(concurrency, lookahead, types, interval, progressInterval, cancellation);
    }

    /** @return a copy with this cancellation */
    public SyncOptions withCancellation(Cancellation newCancellation) {
        return new SyncOptions(concurrency, lookahead, types, checkpointInterval, progressInterval, newCancellation);
    }
}
