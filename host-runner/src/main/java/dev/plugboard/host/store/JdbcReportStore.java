package dev.plugboard.host.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link ReportStore} over JDBC. A report's table is {@code report_<connection>_<report>} with one column per report
 * column in snake case ({@code dateCreated} becomes {@code date_created}), typed per engine (PostgreSQL: text,
 * bigint, double precision, boolean, timestamptz, jsonb; SQLite: TEXT, INTEGER, REAL, INTEGER 0/1, fixed-width
 * ISO-8601 UTC text with microseconds so text order is time order, TEXT), its primary key the report's, and merged
 * with {@code INSERT ... ON CONFLICT DO UPDATE} on both engines.
 */
final class JdbcReportStore implements ReportStore {
    /** PostgreSQL truncates longer identifiers (NAMEDATALEN - 1), which could make two tables one. */
    static final int MAX_NAME = 63;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Connection connection;
    private final StoreLocation location;

    JdbcReportStore(Connection connection, StoreLocation location) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.location = Objects.requireNonNull(location, "location");
    }

    private boolean postgres() {
        return location.engine() == StoreLocation.Engine.POSTGRESQL;
    }

    private <T> T tx(Sql.Work<T> work, String what) {
        try {
            return Sql.transaction(connection, location.engine(), work);
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, what);
        }
    }

    /** @return the SHA-256 (hex) of the parameters' canonical JSON: the key of a report's cursor */
    static String parametersHash(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public Optional<SavedCursor> cursor(StoredConnection c, String report, Map<String, Object> parameters,
                                        Target target) {
        String hash = parametersHash(JdbcStore.canonicalJson(parameters));
        try (PreparedStatement st = connection.prepareStatement("SELECT cursor_value, state, runs, updated_at"
                + " FROM report_cursors WHERE connection_id = ? AND report = ? AND parameters_hash = ?"
                + " AND target = ?")) {
            Sql.bind(st, c.id(), report, hash, target.sql());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SavedCursor(Sql.optionalInstant(rs.getString(1)), rs.getString(2),
                        rs.getLong(3), Sql.instant(rs.getString(4))));
            }
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, "read the cursor of report " + report + " from");
        }
    }

    @Override
    public void saveCursor(StoredConnection c, String report, Map<String, Object> parameters, Target target,
                           CompletedRun run) {
        String canonical = JdbcStore.canonicalJson(parameters);
        tx(() -> Sql.update(connection, "INSERT INTO report_cursors (connection_id, report, parameters_hash,"
                + " parameters, target, cursor_value, state, runs, rows_read, rows_new, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)"
                + " ON CONFLICT (connection_id, report, parameters_hash, target) DO UPDATE SET"
                + " cursor_value = excluded.cursor_value, state = excluded.state,"
                + " runs = report_cursors.runs + 1, rows_read = excluded.rows_read, rows_new = excluded.rows_new,"
                + " updated_at = excluded.updated_at", c.id(), report, parametersHash(canonical), canonical,
                target.sql(), run.cursor().map(JdbcReportStore::micros), run.state(), run.rowsRead(), run.rowsNew(),
                Sql.time(run.at())), "save the cursor of report " + report + " in");
    }

    /**
     * @param connectionName a connection name
     * @param report         a report id
     * @return the table's SQL name: lower case letters, digits and single underscores
     */
    static String tableName(String connectionName, String report) {
        return ("report_" + connectionName + "_" + report).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("_+$", "");
    }

    /**
     * @param column a report column name
     * @return its SQL name in snake case: {@code dateCreated} → {@code date_created}, {@code eventID} →
     *         {@code event_id}, {@code userIPAddress} → {@code user_ip_address}
     */
    static String columnName(String column) {
        return column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** @return the identifier quoted, so a column named like an SQL keyword ({@code user}, {@code order}) works */
    private static String quote(String name) {
        return "\"" + name + "\"";
    }

    private String sqlType(ColumnType type) {
        return switch (type) {
            case STRING -> "TEXT";
            case INTEGER -> postgres() ? "BIGINT" : "INTEGER";
            case NUMBER -> postgres() ? "DOUBLE PRECISION" : "REAL";
            case BOOLEAN -> postgres() ? "BOOLEAN" : "INTEGER";
            case TIMESTAMP -> postgres() ? "TIMESTAMPTZ" : "TEXT";
            case JSON -> postgres() ? "JSONB" : "TEXT";
        };
    }

    @Override
    public ReportTable table(StoredConnection c, String report, List<Column> columns, List<String> primaryKey) {
        String name = tableName(c.name(), report);
        if (name.length() > MAX_NAME) {
            throw new StoreException(StoreException.Problem.USAGE, "the table for report " + report + " of connection"
                    + " '" + c.name() + "' would be named " + name + ", longer than the " + MAX_NAME + " characters"
                    + " PostgreSQL keeps; give the connection a shorter name with --connection");
        }
        Map<String, Column> bySql = new LinkedHashMap<>();
        for (Column col : columns) {
            Column clash = bySql.put(columnName(col.name()), col);
            if (clash != null) {
                throw new StoreException(StoreException.Problem.USAGE, "report " + report + " has columns "
                        + clash.name() + " and " + col.name() + ", both " + columnName(col.name()) + " in SQL: it"
                        + " cannot be stored in a table");
            }
        }
        List<String> key = primaryKey.stream().map(JdbcReportStore::columnName).toList();
        String declared = describe(columns);
        tx(() -> {
            Optional<Known> known = known(name);
            if (known.isEmpty()) {
                create(c, report, name, columns, key, declared);
                return null;
            }
            Known k = known.get();
            if (k.connectionId() != c.id() || !k.report().equals(report)) {
                throw new StoreException(StoreException.Problem.USAGE, "the table " + name + " already holds report "
                        + k.report() + " of another connection whose name reads the same in SQL; give this"
                        + " connection another name with --connection");
            }
            if (!k.primaryKey().equals(key)) {
                throw changed(name, report, "primary key (" + String.join(", ", k.primaryKey()) + ")", "("
                        + String.join(", ", key) + ")");
            }
            List<String> added = new ArrayList<>();
            for (Map.Entry<String, Column> e : bySql.entrySet()) {
                String had = k.types().get(e.getKey());
                if (had == null) {
                    added.add(e.getKey());
                } else if (!had.equals(e.getValue().type().name())) {
                    throw changed(name, report, "column " + e.getKey() + " of type " + had, "type "
                            + e.getValue().type().name());
                }
            }
            for (String col : added) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ALTER TABLE " + quote(name) + " ADD COLUMN " + quote(col) + " "
                            + sqlType(bySql.get(col).type()));
                }
            }
            if (!added.isEmpty()) {
                Map<String, String> all = new LinkedHashMap<>(k.types());
                bySql.forEach((n, col) -> all.putIfAbsent(n, col.type().name()));
                Sql.update(connection, "UPDATE report_tables SET columns = ?, updated_at = ? WHERE table_name = ?",
                        Json.text(all), Sql.time(Instant.now()), name);
            }
            return null;
        }, "prepare the table of report " + report + " in");
        return new Table(name, columns, new ArrayList<>(bySql.keySet()), key, primaryKey.stream()
                .map(n -> columns.stream().map(Column::name).toList().indexOf(n)).toList());
    }

    private static String describe(List<Column> columns) {
        Map<String, String> types = new LinkedHashMap<>();
        columns.forEach(col -> types.put(columnName(col.name()), col.type().name()));
        return Json.text(types);
    }

    private StoreException changed(String table, String report, String had, String now) {
        return new StoreException(StoreException.Problem.USAGE, "the table " + table + " was made with " + had
                + ", but report " + report + " now has " + now + ": it cannot take the new rows. Keep the old table"
                + " under another name (ALTER TABLE " + table + " RENAME TO " + table + "_old;) or drop it (DROP TABLE "
                + table + ";), then DELETE FROM report_tables WHERE table_name = '" + table + "'; and run the report"
                + " once without --incremental, with --into store, to fill the new table");
    }

    private void create(StoredConnection c, String report, String name, List<Column> columns, List<String> key,
                        String declared) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(quote(name)).append(" (");
        for (Column col : columns) {
            String sql = columnName(col.name());
            ddl.append(quote(sql)).append(' ').append(sqlType(col.type()))
                    .append(key.contains(sql) ? " NOT NULL, " : ", ");
        }
        ddl.append("PRIMARY KEY (").append(key.stream().map(JdbcReportStore::quote)
                .collect(Collectors.joining(", "))).append("))");
        try (Statement st = connection.createStatement()) {
            st.execute(ddl.toString());
        }
        String now = Sql.time(Instant.now());
        Sql.update(connection, "INSERT INTO report_tables (table_name, connection_id, report, primary_key, columns,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", name, c.id(), report, Json.text(key),
                declared, now, now);
    }

    /** What {@code report_tables} says of a table. */
    private record Known(long connectionId, String report, List<String> primaryKey, Map<String, String> types) {
    }

    private Optional<Known> known(String name) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT connection_id, report, primary_key, columns"
                + " FROM report_tables WHERE table_name = ?")) {
            Sql.bind(st, name);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> key = new ArrayList<>();
                Map<String, String> types = new LinkedHashMap<>();
                try {
                    Json.read(rs.getString(3)).forEach(n -> key.add(n.asText()));
                    JsonNode cols = Json.read(rs.getString(4));
                    cols.fieldNames().forEachRemaining(f -> types.put(f, cols.get(f).asText()));
                } catch (JsonProcessingException e) {
                    throw new SQLException("report_tables holds a row for " + name + " that is not Plugboard's", e);
                }
                return Optional.of(new Known(rs.getLong(1), rs.getString(2), key, types));
            }
        }
    }

    static String micros(Instant instant) {
        return MICROS.format(instant);
    }

    private final class Table implements ReportTable {
        private final String name;
        private final List<Column> columns;
        private final List<Integer> keyIndexes;
        private final List<String> keyNames;
        private final String upsert;

        Table(String name, List<Column> columns, List<String> sqlColumns, List<String> key, List<Integer> keyIndexes) {
            this.name = name;
            this.columns = List.copyOf(columns);
            this.keyIndexes = List.copyOf(keyIndexes);
            this.keyNames = List.copyOf(key);
            String placeholders = columns.stream().map(col -> col.type() == ColumnType.JSON && postgres()
                    ? "CAST(? AS JSONB)" : "?").collect(Collectors.joining(", "));
            List<String> updates = new ArrayList<>();
            for (String col : sqlColumns) {
                if (!key.contains(col)) {
                    updates.add(quote(col) + " = excluded." + quote(col));
                }
            }
            this.upsert = "INSERT INTO " + quote(name) + " (" + sqlColumns.stream().map(JdbcReportStore::quote)
                    .collect(Collectors.joining(", ")) + ") VALUES (" + placeholders + ") ON CONFLICT ("
                    + key.stream().map(JdbcReportStore::quote).collect(Collectors.joining(", ")) + ") "
                    + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", updates));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void merge(List<List<Object>> rows) {
            for (List<Object> row : rows) {
                for (int i = 0; i < keyIndexes.size(); i++) {
                    if (row.get(keyIndexes.get(i)) == null) {
                        throw new StoreException(StoreException.Problem.USAGE, "a row of the report has no value for"
                                + " " + columns.get(keyIndexes.get(i)).name() + ", part of its primary key ("
                                + String.join(", ", keyNames) + "): it cannot be merged into " + name);
                    }
                }
            }
            tx(() -> {
                try (PreparedStatement st = connection.prepareStatement(upsert)) {
                    for (List<Object> row : rows) {
                        for (int i = 0; i < columns.size(); i++) {
                            bind(st, i + 1, columns.get(i).type(), row.get(i));
                        }
                        st.addBatch();
                    }
                    st.executeBatch();
                }
                return null;
            }, "merge rows into table " + name + " of");
        }

        private void bind(PreparedStatement st, int index, ColumnType type, Object value) throws SQLException {
            if (value == null) {
                st.setNull(index, switch (type) {
                    case INTEGER -> Types.BIGINT;
                    case NUMBER -> Types.DOUBLE;
                    case BOOLEAN -> postgres() ? Types.BOOLEAN : Types.INTEGER;
                    case TIMESTAMP -> postgres() ? Types.TIMESTAMP_WITH_TIMEZONE : Types.VARCHAR;
                    default -> Types.VARCHAR;
                });
                return;
            }
            switch (type) {
                case INTEGER -> {
                    if (value instanceof BigInteger big) {
                        st.setBigDecimal(index, new BigDecimal(big));
                    } else {
                        st.setLong(index, ((Number) value).longValue());
                    }
                }
                case NUMBER -> st.setDouble(index, ((Number) value).doubleValue());
                case BOOLEAN -> {
                    if (postgres()) {
                        st.setBoolean(index, (Boolean) value);
                    } else {
                        st.setInt(index, ((Boolean) value) ? 1 : 0);
                    }
                }
                case TIMESTAMP -> {
                    if (postgres()) {
                        st.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
                    } else {
                        st.setString(index, micros((Instant) value));
                    }
                }
                default -> st.setString(index, value.toString());
            }
        }
    }
}
