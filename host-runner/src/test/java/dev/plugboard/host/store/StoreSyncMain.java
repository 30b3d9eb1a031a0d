package dev.plugboard.host.store;

import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.Checkpoint;
import dev.plugboard.host.sync.SyncJob;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncState;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.host.sync.SyntheticResourceSync;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Syncs {@link SyntheticResourceSync} into an SQLite store, as {@code plugboard sync} does, in its own JVM (for the
 * kill test) or in-process (to resume). Arguments: STORE TEAMS MEMBERS PAGE_SIZE DELAY_MS CHECKPOINT_MS RESUME.
 */
public final class StoreSyncMain {
    private StoreSyncMain() {
    }

    public static void main(String[] args) throws Exception {
        SyncSummary summary = sync(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Long.parseLong(args[4]), Long.parseLong(args[5]),
                Boolean.parseBoolean(args[6]));
        System.out.println("grants=" + summary.counts().grants());
    }

    static SyncSummary sync(Path storeFile, int teams, int members, int pageSize, long delayMillis,
                            long checkpointMillis, boolean resume) throws Exception {
        try (Store store = StoreOpener.open(StoreLocation.sqlite(storeFile), "test");
             SyntheticResourceSync plugin = new SyntheticResourceSync(teams, members, pageSize, delayMillis)) {
            StoredConnection c = store.connect("synthetic", Map.of("seed", 1), Optional.of("synthetic"));
            SyncMetadata meta = new SyncMetadata("1", "1.0", "test", List.of("user", "team", "project"));
            try (StoreSyncRun run = resume ? store.resumeSync(c, meta) : store.startSync(c, meta)) {
                SyncJob job = new SyncJob("synthetic", Map.of("seed", 1), plugin, SyncOptions.of(4)
                        .withCheckpointInterval(Duration.ofMillis(checkpointMillis)), Retrier.none(), new SyncStats(),
                        SyncListener.none(), System::nanoTime);
                Optional<SyncState> from = run.checkpoint().map(Checkpoint::state);
                SyncSummary summary = job.run(run, run.checkpointer(state -> new Checkpoint("synthetic",
                        job.identity().types(), "s", "d", 0, state), () -> 0), from);
                run.complete(summary);
                return summary;
            }
        }
    }
}
