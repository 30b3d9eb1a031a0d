package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync into an SQLite store killed with SIGKILL: the store stays consistent, says so, and the sync resumes. */
class ForkedStoreSyncTest {
    @TempDir
    Path dir;

    /** @return the count, or -1 while the store has no tables yet (the child is creating them) */
    private static long countSoFar(Path store, String sql) throws Exception {
        try {
            return count(store, sql);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static long count(Path store, String sql) throws Exception {
        try (Connection c = StoreOpener.connect(StoreLocation.sqlite(store)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Process start(Path store, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), StoreSyncMain.class.getName(),
                store.toString(), "60", "300", "50", "15", "100", "false"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aSyncKilledMidwayIsShownInterruptedAndResumesIntoTheSameStoredSync() throws Exception {
        Path store = dir.resolve("plugboard.db");
        Path log = dir.resolve("child.log");
        // 60 teams x 300 members, pages of 50, 15 ms a call: several seconds, checkpoints every 100 ms
        Process child = start(store, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline && !(Files.exists(store)
                && countSoFar(store, "SELECT COUNT(*) FROM syncs WHERE checkpoint IS NOT NULL AND grants > 2000") > 0)) {
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("child still running at its checkpoint: " + Files.readString(log)).isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(count(store, "SELECT COUNT(*) FROM syncs WHERE status = 'running'")).isEqualTo(1);
        try (Store opened = StoreOpener.open(StoreLocation.sqlite(store), "test")) {
            assertThat(opened.syncs(Optional.empty())).singleElement().satisfies(s -> {
                assertThat(s.status()).isEqualTo(SyncStatus.INTERRUPTED);
                assertThat(s.error()).contains("its process stopped without finishing (killed, or its machine"
                        + " stopped)");
            });
        }
        try (Connection c = StoreOpener.connect(StoreLocation.sqlite(store)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("ok");
        }

        dev.plugboard.host.sync.SyncSummary resumed = StoreSyncMain.sync(store, 60, 300, 50, 0, 100, true);

        assertThat(resumed.counts().grants()).isEqualTo(60 * 300);
        try (Store opened = StoreOpener.open(StoreLocation.sqlite(store), "test")) {
            StoredSync only = opened.syncs(Optional.empty()).get(0);
            assertThat(opened.syncs(Optional.empty())).hasSize(1);
            assertThat(only.status()).isEqualTo(SyncStatus.COMPLETED);
            long[] records = {0};
            opened.records(only, RecordFilter.all(), r -> records[0]++);
            assertThat(records[0]).isEqualTo(count(store, "SELECT COUNT(*) FROM record_versions"))
                    .isEqualTo(resumed.counts().records());
        }
    }
}
