package dev.plugboard.host.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Opens a store: connects, refuses what is not a Plugboard store or was written by a newer Plugboard, and applies
 * the migrations this Plugboard has (Flyway, from {@code db/store/<engine>}).
 */
public final class StoreOpener {
    /** The newest schema version this Plugboard knows (its highest migration). */
    public static final int SCHEMA_VERSION = 6;
    /** Flyway's history table: also what marks a database as a Plugboard store. */
    static final String HISTORY_TABLE = "plugboard_schema_history";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private StoreOpener() {
    }

    /**
     * @param location    where
     * @param hostVersion this Plugboard's version, recorded in the store and named in messages
     * @return the open store, migrated to {@link #SCHEMA_VERSION}
     * @throws StoreException when it cannot be opened, is not a store, is damaged, read-only, unreachable, refuses
     *                        the login or was written by a newer Plugboard
     */
    public static Store open(StoreLocation location, String hostVersion) {
        if (location.engine() == StoreLocation.Engine.SQLITE) {
            prepareFile(location);
        }
        Connection connection = connect(location);
        try {
            int version = checkIsStore(connection, location);
            if (version > SCHEMA_VERSION) {
                String writer = storeInfo(connection, "written_by");
                throw new StoreException(StoreException.Problem.UNAVAILABLE, "the store " + location.describe()
                        + " was written by Plugboard " + writer + " (store schema " + version + "); this Plugboard ("
                        + hostVersion + ") knows store schema " + SCHEMA_VERSION + " at most: upgrade Plugboard to"
                        + " use it");
            }
            if (version < SCHEMA_VERSION) {
                migrate(location);
                recordWriter(connection, location, hostVersion);
            }
            JdbcStore store = new JdbcStore(connection, location);
            store.reconcile();
            return store;
        } catch (SQLException e) {
            close(connection);
            throw StoreErrors.translate(e, location, "open");
        } catch (RuntimeException e) {
            close(connection);
            throw e;
        }
    }

    private static void prepareFile(StoreLocation location) {
        Path file = location.file().orElseThrow();
        try {
            if (Files.isDirectory(file)) {
                throw new StoreException(StoreException.Problem.UNAVAILABLE, "the store " + file + " is a folder;"
                        + " give a file, e.g. --store " + file.resolve("plugboard.db"));
            }
            if (Files.exists(file) && Files.size(file) > 0) {
                byte[] head = new byte[SQLITE_HEADER.length];
                int read;
                try (InputStream in = Files.newInputStream(file)) {
                    read = in.readNBytes(head, 0, head.length);
                }
                if (read < head.length || !java.util.Arrays.equals(head, SQLITE_HEADER)) {
                    throw new StoreException(StoreException.Problem.UNAVAILABLE, file + " is not a Plugboard store (it"
                            + " is not an SQLite database); choose another file with --store or PLUGBOARD_STORE");
                }
            }
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Path folder = file.toAbsolutePath().getParent();
            if ((Files.exists(file) && !Files.isWritable(file)) || !Files.isWritable(folder)) {
                throw new StoreException(StoreException.Problem.UNAVAILABLE, "the store " + file + " is read-only ("
                        + (Files.exists(file) && !Files.isWritable(file) ? "the file" : "its folder " + folder)
                        + " cannot be written); fix the permissions or choose a writable --store");
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Problem.UNAVAILABLE, "cannot create the store " + file + ": "
                    + e.getMessage() + "; choose a writable --store", e);
        }
    }

    static Connection connect(StoreLocation location) {
        Properties properties = new Properties();
        if (location.engine() == StoreLocation.Engine.SQLITE) {
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("busy_timeout", "30000");
            properties.setProperty("foreign_keys", "true");
            properties.setProperty("synchronous", "NORMAL");
        } else {
            location.user().ifPresent(u -> properties.setProperty("user", u));
            location.password().ifPresent(p -> properties.setProperty("password", p));
            properties.setProperty("connectTimeout", "10");
            properties.setProperty("ApplicationName", "plugboard");
        }
        try {
            return DriverManager.getConnection(location.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, "open");
        }
    }

    /** @return the schema version applied (0 for a new, empty database) */
    private static int checkIsStore(Connection connection, StoreLocation location) throws SQLException {
        List<String> tables = new ArrayList<>();
        boolean history = false;
        try (ResultSet rs = connection.getMetaData().getTables(null, location.engine() == StoreLocation.Engine.SQLITE
                ? null : currentSchema(connection), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                if (name.equalsIgnoreCase(HISTORY_TABLE)) {
                    history = true;
                } else if (!name.startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        if (!history) {
            if (!tables.isEmpty()) {
                throw new StoreException(StoreException.Problem.UNAVAILABLE, location.describe() + " is not a Plugboard"
                        + " store: it holds other tables (" + String.join(", ", tables.subList(0, Math.min(5,
                        tables.size()))) + (tables.size() > 5 ? ", ..." : "") + "); choose another --store");
            }
            return 0;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + HISTORY_TABLE + " WHERE success = "
                     + (location.engine() == StoreLocation.Engine.SQLITE ? "1" : "true") + " AND version IS NOT NULL")) {
            int max = 0;
            while (rs.next()) {
                try {
                    max = Math.max(max, Integer.parseInt(rs.getString(1).trim()));
                } catch (NumberFormatException e) {
                    throw new StoreException(StoreException.Problem.UNAVAILABLE, "the store " + location.describe()
                            + " has a migration history this Plugboard does not understand (version '"
                            + rs.getString(1) + "')", e);
                }
            }
            return max;
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            return rs.next() ? rs.getString(1) : "public";
        }
    }

    private static String storeInfo(Connection connection, String name) {
        try (var st = connection.prepareStatement("SELECT value FROM store_info WHERE name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(unknown version)";
            }
        } catch (SQLException e) {
            return "(unknown version)";
        }
    }

    private static void migrate(StoreLocation location) {
        try {
            Flyway.configure(StoreOpener.class.getClassLoader())
                    .loggers("slf4j")
                    .dataSource(location.jdbcUrl(), location.user().orElse(null), location.password().orElse(null))
                    .locations("classpath:db/store/" + (location.engine() == StoreLocation.Engine.SQLITE
                            ? "sqlite" : "postgresql"))
                    .table(HISTORY_TABLE)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw StoreErrors.translate(sql, location, "migrate");
            }
            throw new StoreException(StoreException.Problem.UNAVAILABLE, "cannot migrate the store "
                    + location.describe() + " to schema " + SCHEMA_VERSION + ": " + e.getMessage(), e);
        }
    }

    private static void recordWriter(Connection connection, StoreLocation location, String hostVersion)
            throws SQLException {
        try (var update = connection.prepareStatement("UPDATE store_info SET value = ? WHERE name = 'written_by'")) {
            update.setString(1, hostVersion);
            if (update.executeUpdate() == 0) {
                try (var insert = connection.prepareStatement(
                        "INSERT INTO store_info (name, value) VALUES ('written_by', ?)")) {
                    insert.setString(1, hostVersion);
                    insert.executeUpdate();
                }
            }
        }
        try (var update = connection.prepareStatement("UPDATE store_info SET value = ? WHERE name = 'schema'")) {
            update.setString(1, Integer.toString(SCHEMA_VERSION));
            if (update.executeUpdate() == 0) {
                try (var insert = connection.prepareStatement(
                        "INSERT INTO store_info (name, value) VALUES ('schema', ?)")) {
                    insert.setString(1, Integer.toString(SCHEMA_VERSION));
                    insert.executeUpdate();
                }
            }
        }
    }

    static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing after a failure: the first failure is what matters
        }
    }
}
