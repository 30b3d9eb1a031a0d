package dev.plugboard.host.store;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Runs one read-only SQL query on a store, so people (and the README) can look at what Plugboard keeps without an
 * SQL client. SQLite is opened read-only; PostgreSQL runs the query in a {@code READ ONLY} transaction that is
 * rolled back. A statement that writes is refused by the engine, and said so.
 */
public final class StoreQuery {
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CANTOPEN = 14;

    private StoreQuery() {
    }

    /** Receives a query's result. */
    public interface Sink {
        /**
         * @param columns the result's column names, once, before any row
         */
        void columns(List<String> columns);

        /**
         * @param values one row: {@code String}, {@code Long}, {@code Double}, {@code Boolean} or {@code null}
         */
        void row(List<Object> values);
    }

    /**
     * @param location the store
     * @param sql      one query
     * @param sink     receives the columns, then every row
     * @throws StoreException (usage) when the query writes or fails, (unavailable) when the store cannot be read
     */
    public static void run(StoreLocation location, String sql, Sink sink) {
        if (location.file().isPresent() && !Files.isRegularFile(location.file().get())) {
            Path file = location.file().get();
            throw new StoreException(StoreException.Problem.USAGE, "there is no store " + file + " yet (a sync or a"
                    + " report with --incremental or --into store creates it); choose the store with --store");
        }
        try (Connection c = open(location)) {
            try {
                if (location.engine() == StoreLocation.Engine.POSTGRESQL) {
                    c.setAutoCommit(false);
                    c.setReadOnly(true);
                    try (Statement st = c.createStatement()) {
                        st.execute("SET TRANSACTION READ ONLY");
                    }
                }
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    if (!st.execute()) {
                        throw new StoreException(StoreException.Problem.USAGE, "store query runs queries that answer"
                                + " rows (SELECT, WITH ... SELECT); this statement answers none");
                    }
                    try (ResultSet rs = st.getResultSet()) {
                        stream(rs, sink);
                    }
                }
            } finally {
                if (location.engine() == StoreLocation.Engine.POSTGRESQL) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw refused(e, location);
        }
    }

    private static Connection open(StoreLocation location) throws SQLException {
        if (location.engine() == StoreLocation.Engine.SQLITE) {
            Properties properties = new Properties();
            properties.setProperty("open_mode", "1");
            properties.setProperty("busy_timeout", "30000");
            return java.sql.DriverManager.getConnection(location.jdbcUrl(), properties);
        }
        return StoreOpener.connect(location);
    }

    private static void stream(ResultSet rs, Sink sink) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> names = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(meta.getColumnLabel(i));
        }
        sink.columns(names);
        while (rs.next()) {
            List<Object> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                row.add(value(rs.getObject(i)));
            }
            sink.row(row);
        }
    }

    private static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException e) {
                return d.toPlainString();
            }
        }
        if (v instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        return v.toString();
    }

    private static StoreException refused(SQLException e, StoreLocation location) {
        String detail = e.getMessage() == null ? "no detail" : e.getMessage().lines().findFirst().orElse("");
        boolean sqlite = location.engine() == StoreLocation.Engine.SQLITE;
        int code = e.getErrorCode() & 0xff;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if ((sqlite && code == SQLITE_READONLY) || state.equals("25006")) {
            return new StoreException(StoreException.Problem.USAGE, "store query only reads (SELECT, WITH ..."
                    + " SELECT): the store refused a statement that writes (" + detail + ")", e);
        }
        if (sqlite && code == SQLITE_CANTOPEN || state.startsWith("08") || state.startsWith("28")
                || state.equals("3D000")) {
            return StoreErrors.translate(e, location, "read");
        }
        return new StoreException(StoreException.Problem.USAGE, "the query failed: " + detail, e);
    }
}
