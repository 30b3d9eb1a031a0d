package dev.plugboard.host.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * Report cursors and tables on PostgreSQL, through the store and through the CLI: one embedded PostgreSQL for the
 * class (both nested contracts), a new database per test.
 */
class PostgresReportStoreTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static String newDatabase() throws Exception {
        String name = "reports" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name + "?user=postgres";
    }

    @Nested
    class ThroughTheStore extends ReportStoreContract {
        @Override
        StoreLocation newLocation() throws Exception {
            return StoreLocation.parse(newDatabase(), n -> Optional.empty());
        }
    }

    @Nested
    class ThroughTheCli extends IncrementalCliContract {
        @Override
        String newStore() throws Exception {
            return newDatabase();
        }
    }
}
