package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, in a temporary folder; and what only a file can get wrong. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    StoreLocation newLocation() {
        return StoreLocation.sqlite(dir.resolve("home/plugboard.db"));
    }

    @Test
    void aFileThatIsNotAnSqliteDatabaseIsRefusedAndKept() throws Exception {
        Path notes = Files.writeString(dir.resolve("notes.txt"), "my notes\n");

        assertThatThrownBy(() -> StoreOpener.open(StoreLocation.sqlite(notes), "test"))
                .isInstanceOf(StoreException.class)
                .hasMessage(notes + " is not a Plugboard store (it is not an SQLite database); choose another file"
                        + " with --store or PLUGBOARD_STORE");
        assertThat(Files.readString(notes)).isEqualTo("my notes\n");
    }

    @Test
    void anotherApplicationsSqliteDatabaseIsRefusedAndLeftAlone() throws Exception {
        Path other = dir.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE invoices (id INTEGER)");
        }

        assertThatThrownBy(() -> StoreOpener.open(StoreLocation.sqlite(other), "test"))
                .hasMessage(other + " is not a Plugboard store: it holds other tables (invoices); choose another"
                        + " --store");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
            assertThat(c.getMetaData().getTables(null, null, "plugboard_schema_history", null).next()).isFalse();
        }
    }

    @Test
    void aDamagedStoreSaysSoAndHowToRecover() throws Exception {
        Path file = store.location().file().orElseThrow();
        sync(acme(), Org.BASE);
        store.close();
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 100; i < bytes.length; i++) {
            bytes[i] = (byte) 0x5a;
        }
        Files.deleteIfExists(file.resolveSibling("plugboard.db-wal"));
        Files.deleteIfExists(file.resolveSibling("plugboard.db-shm"));
        Files.write(file, bytes);

        assertThatThrownBy(() -> StoreOpener.open(StoreLocation.sqlite(file), "test"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("the store " + file + " is damaged (")
                .hasMessageEndingWith("); restore it from a backup, or move it away to start a new store");
        store = StoreOpener.open(newLocationIn("fresh"), "test");
    }

    private StoreLocation newLocationIn(String name) {
        return StoreLocation.sqlite(dir.resolve(name).resolve("plugboard.db"));
    }

    @Test
    void aFolderIsNotAStore() {
        assertThatThrownBy(() -> StoreOpener.open(StoreLocation.sqlite(dir), "test"))
                .hasMessage("the store " + dir + " is a folder; give a file, e.g. --store " + dir.resolve("plugboard.db"));
    }

    @Test
    void theDefaultStoreIsInPlugboardHomeElseTheUsersHome() {
        java.util.Map<String, String> env = new java.util.HashMap<>();
        Path home = Path.of("/home/ada");

        assertThat(StoreLocation.resolve(java.util.Optional.empty(), n -> java.util.Optional.ofNullable(env.get(n)),
                home).describe()).isEqualTo("/home/ada/.plugboard/plugboard.db");
        env.put("PLUGBOARD_HOME", "/srv/pb");
        assertThat(StoreLocation.resolve(java.util.Optional.empty(), n -> java.util.Optional.ofNullable(env.get(n)),
                home).describe()).isEqualTo("/srv/pb/plugboard.db");
        env.put("PLUGBOARD_STORE", "/data/store.db");
        assertThat(StoreLocation.resolve(java.util.Optional.empty(), n -> java.util.Optional.ofNullable(env.get(n)),
                home).describe()).isEqualTo("/data/store.db");
        assertThat(StoreLocation.resolve(java.util.Optional.of("x.db"), n -> java.util.Optional.ofNullable(env.get(n)),
                home).describe()).isEqualTo(Path.of("x.db").toAbsolutePath().toString());
    }

    @Test
    void aPostgresqlUrlKeepsItsPasswordApartAndNeverShowsIt() {
        java.util.Map<String, String> env = java.util.Map.of("PB_PASSWORD", "s3cr&t=1", "PGUSER", "pguser");

        StoreLocation url = StoreLocation.parse("jdbc:postgresql://127.0.0.1:5432/pb?password=${env:PB_PASSWORD}"
                + "&sslmode=disable", n -> java.util.Optional.ofNullable(env.get(n)));

        assertThat(url.engine()).isEqualTo(StoreLocation.Engine.POSTGRESQL);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/pb?sslmode=disable");
        assertThat(url.user()).contains("pguser");
        assertThat(url.password()).contains("s3cr&t=1");
        assertThat(url.toString()).doesNotContain("s3cr").contains("(user pguser)");
        assertThatThrownBy(() -> StoreLocation.parse("jdbc:postgresql://h/db?password=${env:NOPE}", n ->
                java.util.Optional.empty())).hasMessage("--store refers to ${env:NOPE}, but the environment variable"
                + " NOPE is not set");
    }
}
