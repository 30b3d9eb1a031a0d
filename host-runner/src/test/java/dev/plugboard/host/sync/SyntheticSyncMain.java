package dev.plugboard.host.sync;

import dev.plugboard.host.runtime.Retrier;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a sync of {@link SyntheticResourceSync} to a file in its own JVM, for the memory and kill tests.
 * Arguments: OUT TEAMS MEMBERS PAGE_SIZE DELAY_MS CHECKPOINT_MS CONCURRENCY RESUME(true|false).
 * Prints {@code grants=N durationMillis=N peakHeapMiB=N}.
 */
public final class SyntheticSyncMain {
    private SyntheticSyncMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        try (SyntheticResourceSync plugin = new SyntheticResourceSync(Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]))) {
            SyncOptions options = SyncOptions.of(Integer.parseInt(args[6]))
                    .withCheckpointInterval(Duration.ofMillis(Long.parseLong(args[5])));
            SyncSummary summary = new SyncJob("synthetic", Map.of("seed", 1), plugin, options, Retrier.none(),
                    new SyncStats(), SyncListener.none(), System::nanoTime).toFile(out, Boolean.parseBoolean(args[7]));
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.println("grants=" + summary.counts().grants() + " durationMillis=" + summary.durationMillis()
                    + " peakHeapMiB=" + (peak >> 20) + " maxHeapMiB=" + (Runtime.getRuntime().maxMemory() >> 20));
        }
    }
}
