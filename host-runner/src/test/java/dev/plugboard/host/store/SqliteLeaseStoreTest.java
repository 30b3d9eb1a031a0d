package dev.plugboard.host.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The lease store on SQLite, in a temporary folder. */
class SqliteLeaseStoreTest extends LeaseStoreContract {
    @TempDir
    Path dir;

    @Override
    StoreLocation newLocation() {
        return StoreLocation.sqlite(dir.resolve("plugboard.db"));
    }
}
