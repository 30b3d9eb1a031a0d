package dev.plugboard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreLocation;
import dev.plugboard.host.store.StoreOpener;
import dev.plugboard.host.store.SyncMetadata;
import dev.plugboard.host.sync.FakeResourceSync;
import dev.plugboard.host.sync.SyncJob;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncProgress;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.host.sync.SyncSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync into the store tells its progress display to expect as many records as the connection's last sync. */
class StoredSyncProgressTest {
    @TempDir
    Path dir;

    private final List<Long> expected = new ArrayList<>();

    private SyncSummary sync(Store store, List<String> types) throws Exception {
        SyncListener listener = new SyncListener() {
            @Override
            public void expect(long records) {
                expected.add(records);
            }

            @Override
            public void progress(SyncProgress progress) {
            }
        };
        SyncJob job = new SyncJob("fake", Map.of("token", "t"), FakeResourceSync.small(),
                SyncOptions.of(2).withTypes(types), Retrier.none(), new SyncStats(), listener, System::nanoTime);
        return new StoredSyncJob(store, job, SecretMasker.none(), listener).execute("fake", Map.of("token", "t"),
                Optional.of("acme"), new SyncMetadata("1", "1.1", "test", job.identity().types()), Optional.empty(),
                false);
    }

    @Test
    void theFirstSyncHasNoTotalAndTheNextExpectsTheLastOnesRecordsOfTheSameTypes() throws Exception {
        try (Store store = StoreOpener.open(StoreLocation.sqlite(dir.resolve("plugboard.db")), "test")) {
            SyncSummary first = sync(store, List.of());
            assertThat(expected).isEmpty();

            sync(store, List.of());
            SyncSummary users = sync(store, List.of("user"));
            sync(store, List.of("user"));

            assertThat(first.counts().records()).isGreaterThan(users.counts().records());
            assertThat(expected).containsExactly(first.counts().records(), users.counts().records());
        }
    }
}
