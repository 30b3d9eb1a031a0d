package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on PostgreSQL: one embedded PostgreSQL for the class, a new database per test; and what only a
 * server can get wrong (down, refusing the password).
 */
class PostgresStoreTest extends StoreContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    static EmbeddedPostgres postgres;

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

    /** @return a new empty database on the class's PostgreSQL, as a store location with its user */
    static StoreLocation newDatabase() throws Exception {
        String name = "store" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE DATABASE " + name);
        }
        return StoreLocation.parse("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name + "?user=postgres",
                n -> Optional.empty());
    }

    @Override
    StoreLocation newLocation() throws Exception {
        return newDatabase();
    }

    @Test
    void aPostgresqlThatIsDownIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StoreLocation down = StoreLocation.parse("jdbc:postgresql://127.0.0.1:" + port + "/pb?user=pb&password=hunter22",
                n -> Optional.empty());

        assertThatThrownBy(() -> StoreOpener.open(down, "test")).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:" + port + "/pb (user pb)"
                        + " (")
                .hasMessageEndingWith("); is it running, and is the URL right?")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void aRefusedPasswordIsAClearErrorWithoutThePassword() throws Exception {
        StoreLocation where = newDatabase();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE ROLE auditor LOGIN PASSWORD 'right-password'");
            var rs = st.executeQuery("SHOW hba_file");
            rs.next();
            java.nio.file.Path hba = java.nio.file.Path.of(rs.getString(1));
            String before = java.nio.file.Files.readString(hba);
            try {
                java.nio.file.Files.writeString(hba, "host all auditor 127.0.0.1/32 scram-sha-256\n" + before);
                st.execute("SELECT pg_reload_conf()");
                StoreLocation wrong = StoreLocation.parse(where.jdbcUrl().replace("?user=postgres", "")
                        + "?user=auditor&password=${env:PW}", n -> Optional.ofNullable(Map.of("PW", "wrong-pass").get(n)));

                assertThatThrownBy(() -> StoreOpener.open(wrong, "test")).isInstanceOf(StoreException.class)
                        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((StoreException) e).problem())
                                .isEqualTo(StoreException.Problem.AUTHENTICATION))
                        .hasMessageStartingWith("PostgreSQL at " + where.jdbcUrl() + " (user auditor) refused the login (")
                        .hasMessageEndingWith("); check the user and the password (password=${env:NAME} or"
                                + " ${file:PATH} in the URL, or PGUSER and PGPASSWORD)")
                        .hasMessageNotContaining("wrong-pass");
            } finally {
                java.nio.file.Files.writeString(hba, before);
                st.execute("SELECT pg_reload_conf()");
            }
        }
    }
}
