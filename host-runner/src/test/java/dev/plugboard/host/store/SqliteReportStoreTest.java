package dev.plugboard.host.store;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Report cursors and tables on SQLite stores in temporary folders, through the store and through the CLI. */
class SqliteReportStoreTest {
    @Nested
    class ThroughTheStore extends ReportStoreContract {
        @TempDir
        Path folder;

        @Override
        StoreLocation newLocation() {
            return StoreLocation.sqlite(folder.resolve("plugboard.db"));
        }
    }

    @Nested
    class ThroughTheCli extends IncrementalCliContract {
        @Override
        String newStore() {
            return work.resolve("store/plugboard.db").toString();
        }
    }
}
