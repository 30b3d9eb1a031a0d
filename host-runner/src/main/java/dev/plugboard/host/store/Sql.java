package dev.plugboard.host.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Small JDBC helpers shared by the store's classes: transactions per engine, times as sortable text. */
final class Sql {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Sql() {
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs work in one transaction: on SQLite {@code BEGIN IMMEDIATE} (the write lock up front, so two writers
     * queue on the busy timeout instead of failing), on PostgreSQL an ordinary transaction.
     */
    static <T> T transaction(Connection connection, StoreLocation.Engine engine, Work<T> work) throws SQLException {
        if (engine == StoreLocation.Engine.SQLITE) {
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run();
                try (Statement st = connection.createStatement()) {
                    st.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackSqlite(connection);
                throw e;
            }
        }
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackSqlite(Connection connection) {
        try (Statement st = connection.createStatement()) {
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction left to roll back
        }
    }

    /** @return the instant as stored: UTC, milliseconds, fixed width so text order is time order */
    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** @return the stored text as an instant */
    static Instant instant(String text) {
        return Instant.parse(text);
    }

    static Optional<Instant> optionalInstant(String text) {
        return text == null ? Optional.empty() : Optional.of(Instant.parse(text));
    }

    static long update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            bind(st, params);
            return st.executeUpdate();
        }
    }

    static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Optional<?> o) {
                p = o.orElse(null);
            }
            if (p == null) {
                st.setNull(i + 1, java.sql.Types.NULL);
            } else if (p instanceof Long l) {
                st.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                st.setInt(i + 1, n);
            } else {
                st.setString(i + 1, p.toString());
            }
        }
    }

    static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
