package dev.plugboard.host.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The store over JDBC: the same SQL on SQLite and PostgreSQL, but for transactions (see {@link Sql}). */
final class JdbcStore implements Store {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String SYNC_COLUMNS = "s.id, s.connection_id, c.name AS connection_name, s.status,"
            + " s.plugin_version, s.spi_version, s.host_version, s.types, s.started_at, s.finished_at,"
            + " s.resource_types, s.resources, s.entitlements, s.grants, s.requests, s.retries, s.duration_ms, s.error";
    private static final String WANTED_PRINCIPALS = "plugboard_wanted_principals";
    private static final String WANTED_ENTITLEMENTS = "plugboard_wanted_entitlements";
    private static final String RECORD_COLUMNS = "kind, record_key, content_hash, first_sync_id, last_sync_id, data,"
            + " entitlement_id, principal, expandable";

    private final Connection connection;
    private final StoreLocation location;

    JdbcStore(Connection connection, StoreLocation location) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.location = Objects.requireNonNull(location, "location");
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    @Override
    public ReviewStore reviews() {
        return new JdbcReviews(connection, location);
    }

    private <T> T tx(Sql.Work<T> work, String what) {
        try {
            return Sql.transaction(connection, location.engine(), work);
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, what);
        }
    }

    private <T> T read(Sql.Work<T> work, String what) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, what);
        }
    }

    @Override
    public ReportStore reports() {
        return new JdbcReportStore(connection, location);
    }

    /** Marks as interrupted every running sync whose process is gone (killed, or its host stopped). */
    void reconcile() {
        tx(() -> {
            List<Object[]> dead = new ArrayList<>();
            Instant now = Instant.now();
            try (PreparedStatement st = connection.prepareStatement("SELECT id, owner_host, owner_pid, owner_started,"
                    + " heartbeat_at FROM syncs WHERE status = 'running'"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    SyncOwner owner = new SyncOwner(rs.getString(2), rs.getLong(3),
                            Optional.ofNullable(rs.getString(4)));
                    if (!owner.alive(Sql.instant(rs.getString(5)), now)) {
                        dead.add(new Object[] {rs.getLong(1)});
                    }
                }
            }
            for (Object[] d : dead) {
                Sql.update(connection, "UPDATE syncs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ?"
                        + " AND status = 'running'", Sql.time(now), "its process stopped without finishing"
                        + " (killed, or its machine stopped)", d[0]);
            }
            return null;
        }, "update");
    }

    // ---- connections ----

    static String canonicalJson(Map<String, Object> values) {
        try {
            return CANONICAL.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a configuration", e);
        }
    }

    @Override
    public StoredConnection connect(String pluginId, Map<String, Object> identityValues, Optional<String> name) {
        String identity = Store.connectionIdentity(pluginId, identityValues);
        String config = canonicalJson(identityValues);
        name.ifPresent(JdbcStore::checkName);
        return tx(() -> {
            Optional<StoredConnection> byIdentity = findConnection("plugin_id = ? AND config_identity = ?", pluginId,
                    identity);
            if (name.isPresent()) {
                Optional<StoredConnection> byName = findConnection("name = ?", name.get());
                if (byName.isPresent()) {
                    StoredConnection c = byName.get();
                    if (!c.pluginId().equals(pluginId)) {
                        throw new StoreException(StoreException.Problem.USAGE, "connection '" + c.name()
                                + "' is for plugin '" + c.pluginId() + "', not '" + pluginId + "'; choose another"
                                + " --connection name");
                    }
                    if (!c.configIdentity().equals(identity)) {
                        throw new StoreException(StoreException.Problem.USAGE, "connection '" + c.name()
                                + "' was made with another configuration (" + ConfigDifference.describe(c.config(),
                                config) + "); use the same configuration, or another --connection name for"
                                + " this one");
                    }
                    return c;
                }
                if (byIdentity.isPresent()) {
                    Sql.update(connection, "UPDATE connections SET name = ? WHERE id = ?", name.get(),
                            byIdentity.get().id());
                    return findConnection("id = ?", byIdentity.get().id()).orElseThrow();
                }
                return insertConnection(name.get(), pluginId, identity, config);
            }
            if (byIdentity.isPresent()) {
                return byIdentity.get();
            }
            String chosen = pluginId;
            for (int n = 2; findConnection("name = ?", chosen).isPresent(); n++) {
                chosen = pluginId + "-" + n;
            }
            return insertConnection(chosen, pluginId, identity, config);
        }, "write");
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new StoreException(StoreException.Problem.USAGE, "--connection '" + name + "': a connection name is"
                    + " letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. acme-sentry)");
        }
    }

    private StoredConnection insertConnection(String name, String pluginId, String identity, String config)
            throws SQLException {
        Sql.update(connection, "INSERT INTO connections (name, plugin_id, config_identity, config, created_at)"
                + " VALUES (?, ?, ?, ?, ?)", name, pluginId, identity, config, Sql.time(Instant.now()));
        return findConnection("name = ?", name).orElseThrow();
    }

    private Optional<StoredConnection> findConnection(String where, Object... params) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("SELECT id, name, plugin_id, config_identity, config,"
                + " created_at FROM connections WHERE " + where)) {
            Sql.bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(connectionOf(rs)) : Optional.empty();
            }
        }
    }

    private static StoredConnection connectionOf(ResultSet rs) throws SQLException {
        return new StoredConnection(rs.getLong("id"), rs.getString("name"), rs.getString("plugin_id"),
                rs.getString("config_identity"), rs.getString("config"), Sql.instant(rs.getString("created_at")));
    }

    @Override
    public List<StoredConnection> connections() {
        return read(() -> {
            List<StoredConnection> all = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT id, name, plugin_id, config_identity,"
                    + " config, created_at FROM connections ORDER BY name"); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(connectionOf(rs));
                }
            }
            return all;
        }, "read");
    }

    @Override
    public StoredConnection connection(Optional<String> name) {
        List<StoredConnection> all = connections();
        if (name.isPresent()) {
            return all.stream().filter(c -> c.name().equals(name.get())).findFirst().orElseThrow(() ->
                    new StoreException(StoreException.Problem.USAGE, "no connection '" + name.get() + "' in the store "
                            + location.describe() + (all.isEmpty() ? " (it has none yet: run plugboard sync first)"
                            : "; it has: " + names(all))));
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new StoreException(StoreException.Problem.USAGE, all.isEmpty()
                ? "the store " + location.describe() + " has no connection yet: run plugboard sync first"
                : "the store " + location.describe() + " has several connections; choose one with --connection: "
                + names(all));
    }

    private static String names(List<StoredConnection> all) {
        return all.stream().map(StoredConnection::name).collect(Collectors.joining(", "));
    }

    // ---- syncs ----

    @Override
    public StoreSyncRun startSync(StoredConnection c, SyncMetadata metadata) {
        SyncOwner owner = SyncOwner.current();
        long id = tx(() -> {
            lockConnection(c);
            refuseRunning(c);
            // earlier unfinished syncs can no longer be resumed: their half-written versions go
            Sql.update(connection, "UPDATE syncs SET checkpoint = NULL WHERE connection_id = ? AND checkpoint IS NOT"
                    + " NULL", c.id());
            Sql.update(connection, "DELETE FROM record_versions WHERE connection_id = ? AND last_sync_id IS NULL",
                    c.id());
            String now = Sql.time(Instant.now());
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO syncs (connection_id, status,"
                    + " plugin_version, spi_version, host_version, types, started_at, heartbeat_at, owner_host,"
                    + " owner_pid, owner_started) VALUES (?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                Sql.bind(st, c.id(), metadata.pluginVersion(), metadata.spiVersion(), metadata.hostVersion(),
                        String.join(",", metadata.types()), now, now, owner.host(), owner.pid(), owner.started());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }, "write");
        return new StoreSyncRun(location, id, c, previousCompleted(c, id), Optional.empty(), 0);
    }

    @Override
    public StoreSyncRun resumeSync(StoredConnection c, SyncMetadata metadata) {
        SyncOwner owner = SyncOwner.current();
        Object[] found = tx(() -> {
            lockConnection(c);
            refuseRunning(c);
            try (PreparedStatement st = connection.prepareStatement("SELECT id, status, checkpoint, duration_ms FROM"
                    + " syncs WHERE connection_id = ? ORDER BY id DESC LIMIT 1")) {
                Sql.bind(st, c.id());
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new StoreException(StoreException.Problem.USAGE, "connection '" + c.name() + "' has no"
                                + " sync to resume; run without --resume");
                    }
                    long id = rs.getLong(1);
                    String status = rs.getString(2);
                    String checkpoint = rs.getString(3);
                    if (checkpoint == null) {
                        throw new StoreException(StoreException.Problem.USAGE, "there is nothing to resume: the last"
                                + " sync of connection '" + c.name() + "' (sync " + id + ") "
                                + (status.equals("completed") ? "completed" : "stopped before its first checkpoint")
                                + "; run without --resume");
                    }
                    Sql.update(connection, "UPDATE syncs SET status = 'running', finished_at = NULL, error = NULL,"
                            + " heartbeat_at = ?, owner_host = ?, owner_pid = ?, owner_started = ?, plugin_version = ?,"
                            + " host_version = ? WHERE id = ?", Sql.time(Instant.now()), owner.host(), owner.pid(),
                            owner.started(), metadata.pluginVersion(), metadata.hostVersion(), id);
                    return new Object[] {id, checkpoint, rs.getLong(4)};
                }
            }
        }, "write");
        long id = (Long) found[0];
        return new StoreSyncRun(location, id, c, previousCompleted(c, id), Optional.of((String) found[1]),
                (Long) found[2]);
    }

    private void lockConnection(StoredConnection c) throws SQLException {
        if (location.engine() == StoreLocation.Engine.POSTGRESQL) {
            try (PreparedStatement st = connection.prepareStatement("SELECT id FROM connections WHERE id = ? FOR"
                    + " UPDATE")) {
                Sql.bind(st, c.id());
                st.executeQuery().close();
            }
        }
    }

    private void refuseRunning(StoredConnection c) throws SQLException {
        Instant now = Instant.now();
        try (PreparedStatement st = connection.prepareStatement("SELECT id, started_at, owner_host, owner_pid,"
                + " owner_started, heartbeat_at FROM syncs WHERE connection_id = ? AND status = 'running'")) {
            Sql.bind(st, c.id());
            try (ResultSet rs = st.executeQuery()) {
                List<Long> dead = new ArrayList<>();
                while (rs.next()) {
                    SyncOwner owner = new SyncOwner(rs.getString(3), rs.getLong(4), Optional.ofNullable(rs.getString(5)));
                    if (owner.alive(Sql.instant(rs.getString(6)), now)) {
                        throw new StoreException(StoreException.Problem.CONFLICT, "a sync of connection '" + c.name()
                                + "' is already running: sync " + rs.getLong(1) + ", started " + rs.getString(2)
                                + " by " + owner.describe() + "; wait for it to finish (plugboard syncs --connection "
                                + c.name() + " shows it)");
                    }
                    dead.add(rs.getLong(1));
                }
                for (long id : dead) {
                    Sql.update(connection, "UPDATE syncs SET status = 'interrupted', finished_at = ?, error = ? WHERE"
                            + " id = ?", Sql.time(now), "its process stopped without finishing", id);
                }
            }
        }
    }

    private long previousCompleted(StoredConnection c, long before) {
        return read(() -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT MAX(id) FROM syncs WHERE connection_id = ?"
                    + " AND status = 'completed' AND id < ?")) {
                Sql.bind(st, c.id(), before);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? -1L : v;
                }
            }
        }, "read");
    }

    @Override
    public List<StoredSync> syncs(Optional<StoredConnection> c) {
        return querySyncs(c.map(x -> "s.connection_id = ?").orElse("1 = 1") + " ORDER BY s.id",
                c.map(x -> new Object[] {x.id()}).orElse(new Object[0]));
    }

    private List<StoredSync> querySyncs(String where, Object... params) {
        return read(() -> {
            List<StoredSync> all = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT " + SYNC_COLUMNS + " FROM syncs s JOIN"
                    + " connections c ON c.id = s.connection_id WHERE " + where)) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(syncOf(rs));
                    }
                }
            }
            return all;
        }, "read");
    }

    private static StoredSync syncOf(ResultSet rs) throws SQLException {
        String types = rs.getString("types");
        return new StoredSync(rs.getLong("id"), rs.getLong("connection_id"), rs.getString("connection_name"),
                SyncStatus.parse(rs.getString("status")), rs.getString("plugin_version"), rs.getString("spi_version"),
                rs.getString("host_version"), types.isEmpty() ? List.of() : List.of(types.split(",")),
                Sql.instant(rs.getString("started_at")), Sql.optionalInstant(rs.getString("finished_at")),
                rs.getLong("resource_types"), rs.getLong("resources"), rs.getLong("entitlements"),
                rs.getLong("grants"), rs.getLong("requests"), rs.getLong("retries"), rs.getLong("duration_ms"),
                Optional.ofNullable(rs.getString("error")));
    }

    @Override
    public StoredSync completedSync(StoredConnection c, long id) {
        List<StoredSync> found = querySyncs("s.id = ?", id);
        if (found.isEmpty() || found.get(0).connectionId() != c.id()) {
            throw new StoreException(StoreException.Problem.USAGE, "connection '" + c.name() + "' has no sync " + id
                    + "; plugboard syncs --connection " + c.name() + " lists them");
        }
        StoredSync s = found.get(0);
        if (s.status() != SyncStatus.COMPLETED) {
            throw new StoreException(StoreException.Problem.USAGE, "sync " + id + " of connection '" + c.name()
                    + "' is " + s.status().sql() + ", not completed: only a completed sync shows the whole state");
        }
        return s;
    }

    @Override
    public Optional<StoredSync> completedAt(StoredConnection c, Instant at) {
        List<StoredSync> found = querySyncs("s.connection_id = ? AND s.status = 'completed' AND s.finished_at <= ?"
                + " ORDER BY s.id DESC LIMIT 1", c.id(), Sql.time(at));
        return found.stream().findFirst();
    }

    // ---- records ----

    @Override
    public void records(StoredSync sync, RecordFilter filter, Consumer<StoredRecord> sink) {
        List<Object> params = new ArrayList<>(List.of(sync.connectionId(), sync.id(), sync.id()));
        String where = "connection_id = ? AND last_sync_id >= ? AND first_sync_id <= ?" + filterSql(filter, params);
        stream("SELECT " + RECORD_COLUMNS + " FROM record_versions WHERE " + where + " ORDER BY id", params, sink,
                filter);
    }

    @Override
    public void changes(StoredSync from, StoredSync to, Consumer<StoredRecord> sink) {
        if (from.connectionId() != to.connectionId() || from.id() >= to.id()) {
            throw new IllegalArgumentException("changes go from an earlier to a later sync of one connection");
        }
        stream("SELECT " + RECORD_COLUMNS + " FROM record_versions WHERE connection_id = ? AND last_sync_id >= ? AND"
                + " last_sync_id < ? AND first_sync_id <= ? ORDER BY id",
                List.of(from.connectionId(), from.id(), to.id(), from.id()), sink, RecordFilter.all());
        stream("SELECT " + RECORD_COLUMNS + " FROM record_versions WHERE connection_id = ? AND last_sync_id >= ? AND"
                + " first_sync_id > ? AND first_sync_id <= ? ORDER BY id",
                List.of(from.connectionId(), to.id(), from.id(), to.id()), sink, RecordFilter.all());
    }

    @Override
    public void versions(StoredConnection c, RecordFilter filter, Consumer<StoredRecord> sink) {
        List<Object> params = new ArrayList<>(List.of(c.id()));
        String where = "connection_id = ? AND last_sync_id IS NOT NULL" + filterSql(filter, params);
        stream("SELECT " + RECORD_COLUMNS + " FROM record_versions WHERE " + where + " ORDER BY first_sync_id, id",
                params, sink, filter);
    }

    private static String filterSql(RecordFilter filter, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (!filter.kinds().containsAll(RecordFilter.ALL_KINDS)) {
            sql.append(" AND kind IN (").append(placeholders(filter.kinds().size())).append(')');
            params.addAll(filter.kinds().stream().sorted().toList());
        }
        if (filter.narrowed()) {
            List<String> any = new ArrayList<>();
            if (!filter.principals().isEmpty()) {
                any.add("principal IN (SELECT value FROM " + WANTED_PRINCIPALS + ")");
                any.add("(kind = 'resource' AND record_key IN (SELECT value FROM " + WANTED_PRINCIPALS + "))");
            }
            if (!filter.entitlements().isEmpty()) {
                any.add("entitlement_id IN (SELECT value FROM " + WANTED_ENTITLEMENTS + ")");
            }
            if (filter.expandable()) {
                any.add("expandable = 1");
            }
            sql.append(" AND (").append(String.join(" OR ", any)).append(')');
        }
        return sql.toString();
    }

    /** Fills the temporary tables the filter's sets are matched against (a set can be thousands of ids). */
    private void want(RecordFilter filter) throws SQLException {
        fill(WANTED_PRINCIPALS, filter.principals());
        fill(WANTED_ENTITLEMENTS, filter.entitlements());
    }

    private void fill(String table, java.util.Set<String> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (java.sql.Statement st = connection.createStatement()) {
            st.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + table + " (value TEXT PRIMARY KEY)");
            st.execute("DELETE FROM " + table);
        }
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO " + table + " (value) VALUES (?)")) {
            for (String v : values) {
                st.setString(1, v);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private void stream(String sql, List<Object> params, Consumer<StoredRecord> sink, RecordFilter filter) {
        read(() -> {
            boolean postgres = location.engine() == StoreLocation.Engine.POSTGRESQL;
            if (postgres) {
                connection.setAutoCommit(false); // a cursor, so PostgreSQL streams instead of sending every row
            }
            want(filter);
            try (PreparedStatement st = connection.prepareStatement(sql)) {
                st.setFetchSize(1000);
                Sql.bind(st, params.toArray());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new StoredRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                Sql.optionalLong(rs, "last_sync_id"), rs.getString(6),
                                Optional.ofNullable(rs.getString(7)), Optional.ofNullable(rs.getString(8)),
                                rs.getInt(9) == 1));
                    }
                }
            } finally {
                if (postgres) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
            return null;
        }, "read");
    }

    // ---- retention ----

    @Override
    public PruneResult prune(Optional<StoredConnection> only, OptionalInt keep, Optional<Instant> before) {
        List<StoredConnection> targets = only.map(List::of).orElseGet(this::connections);
        long syncs = 0;
        long versions = 0;
        for (StoredConnection c : targets) {
            long[] removed = tx(() -> StorePruner.prune(connection, c, keep, before), "prune");
            syncs += removed[0];
            versions += removed[1];
        }
        if (location.engine() == StoreLocation.Engine.SQLITE && syncs > 0) {
            read(() -> Sql.update(connection, "VACUUM"), "compact");
        }
        return new PruneResult(syncs, versions);
    }

    @Override
    public Leases leases() {
        return new JdbcLeases(connection, location);
    }

    @Override
    public void close() {
        StoreOpener.close(connection);
    }
}
