package dev.plugboard.host.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The leases over JDBC: the same SQL on SQLite and PostgreSQL; each step is one transaction. */
final class JdbcLeases implements Leases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "l.id, c.name AS connection_name, l.entitlement_id, l.principal, l.reason,"
            + " l.requested_by, l.granted_by, l.requested_at, l.ends_at, l.state, l.grant_outcome, l.granted_at,"
            + " l.grant_message, l.owns_access, l.attempts, l.ended_at, l.end_outcome, l.end_message, l.verified_at,"
            + " l.verification, l.verify_message";
    private static final String FROM = " FROM leases l JOIN connections c ON c.id = l.connection_id";
    /** Not ended, or ended by a revoke whose read-back is not recorded. */
    private static final String OPEN = "(l.state IN ('granting', 'active', 'pending', 'revoking') OR (l.state = 'ended'"
            + " AND l.verified_at IS NULL AND l.end_outcome IN ('revoked', 'already_so')))";

    private final Connection connection;
    private final StoreLocation location;

    JdbcLeases(Connection connection, StoreLocation location) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.location = Objects.requireNonNull(location, "location");
    }

    private <T> T tx(Sql.Work<T> work) {
        try {
            return Sql.transaction(connection, location.engine(), work);
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, "write");
        }
    }

    private <T> T read(Sql.Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, "read");
        }
    }

    @Override
    public Lease begin(StoredConnection c, LeaseRequest r) {
        long id = tx(() -> {
            long leaseId;
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO leases (connection_id, entitlement_id,"
                    + " principal, reason, requested_by, granted_by, requested_at, ends_at, state) VALUES (?, ?, ?, ?,"
                    + " ?, ?, ?, ?, 'granting') RETURNING id")) {
                Sql.bind(st, c.id(), r.entitlementId(), r.principal(), r.reason(), r.requestedBy(), r.grantedBy(),
                        Sql.time(r.requestedAt()), Sql.time(r.endsAt()));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    leaseId = rs.getLong(1);
                }
            }
            event(leaseId, r.requestedAt(), "grant_started", Optional.empty(), Optional.empty(), List.of());
            return leaseId;
        });
        return find(id).orElseThrow();
    }

    @Override
    public Lease granted(Lease l, Lease.GrantOutcome outcome, String message, List<String> requests, Instant at) {
        Lease.State state = switch (outcome) {
            case DONE, ALREADY_SO -> Lease.State.ACTIVE;
            case NEEDS_ACTION -> Lease.State.PENDING;
            case FAILED -> Lease.State.FAILED;
        };
        boolean owns = outcome == Lease.GrantOutcome.DONE || outcome == Lease.GrantOutcome.NEEDS_ACTION;
        return step(l, "UPDATE leases SET state = ?, grant_outcome = ?, granted_at = ?, grant_message = ?, owns_access"
                + " = ? WHERE id = ?", new Object[] {state.sql(), outcome.sql(), Sql.time(at), message, owns ? 1 : 0,
                l.id()}, at, outcome == Lease.GrantOutcome.FAILED ? "grant_failed" : "granted", Optional.of(outcome.sql()),
                message, requests);
    }

    @Override
    public List<Lease> list(Optional<StoredConnection> c) {
        return query(c.map(x -> "l.connection_id = ?").orElse("1 = 1") + " ORDER BY l.id",
                c.map(x -> new Object[] {x.id()}).orElse(new Object[0]));
    }

    @Override
    public Optional<Lease> find(long id) {
        return query("l.id = ?", id).stream().findFirst();
    }

    @Override
    public List<Lease> due(StoredConnection c, Instant now) {
        return query("l.connection_id = ? AND l.ends_at <= ? AND " + OPEN + " ORDER BY l.ends_at, l.id", c.id(),
                Sql.time(now));
    }

    @Override
    public Optional<Instant> nextEnd(StoredConnection c, Instant now) {
        return query("l.connection_id = ? AND l.ends_at > ? AND l.state IN ('granting', 'active', 'pending',"
                + " 'revoking') ORDER BY l.ends_at LIMIT 1", c.id(), Sql.time(now)).stream().findFirst()
                .map(Lease::endsAt);
    }

    @Override
    public Optional<Lease> successor(Lease l, Instant now) {
        return query("c.name = ? AND l.entitlement_id = ? AND l.principal = ? AND l.id <> ? AND l.ends_at > ? AND"
                + " l.state IN ('granting', 'active', 'pending') ORDER BY l.ends_at DESC, l.id LIMIT 1",
                l.connection(), l.entitlementId(), l.principal(), l.id(), Sql.time(now)).stream().findFirst();
    }

    @Override
    public Lease handOver(Lease l, Lease successor, Instant at) {
        String message = "lease " + successor.id() + " holds the same access until " + successor.endsAt()
                + " and revokes it then";
        tx(() -> {
            Sql.update(connection, "UPDATE leases SET state = 'ended', owns_access = 0, ended_at = ?, end_outcome ="
                    + " 'handed_over', end_message = ? WHERE id = ?", Sql.time(at), message, l.id());
            Sql.update(connection, "UPDATE leases SET owns_access = 1 WHERE id = ?", successor.id());
            event(l.id(), at, "handed_over", Optional.of("handed_over"), Optional.of(message), List.of());
            return null;
        });
        return find(l.id()).orElseThrow();
    }

    @Override
    public Lease keep(Lease l, String message, Instant at) {
        return step(l, "UPDATE leases SET state = 'ended', ended_at = ?, end_outcome = 'kept', end_message = ? WHERE"
                + " id = ?", new Object[] {Sql.time(at), message, l.id()}, at, "kept", Optional.of("kept"), message,
                List.of());
    }

    @Override
    public Lease revokeStarted(Lease l, Instant at) {
        return step(l, "UPDATE leases SET state = 'revoking', attempts = attempts + 1 WHERE id = ?",
                new Object[] {l.id()}, at, "revoke_started", Optional.empty(), null, List.of());
    }

    @Override
    public Lease revoked(Lease l, Lease.EndOutcome outcome, String message, List<String> requests, Instant at) {
        return step(l, "UPDATE leases SET state = 'ended', ended_at = ?, end_outcome = ?, end_message = ? WHERE id = ?",
                new Object[] {Sql.time(at), outcome.sql(), message, l.id()}, at, "revoked", Optional.of(outcome.sql()),
                message, requests);
    }

    @Override
    public Lease revokeFailed(Lease l, String message, Instant at) {
        return step(l, "UPDATE leases SET state = CASE WHEN grant_outcome = 'needs_action' THEN 'pending' ELSE"
                + " 'active' END WHERE id = ?", new Object[] {l.id()}, at, "revoke_failed", Optional.of("failed"),
                message, List.of());
    }

    @Override
    public Lease verified(Lease l, Lease.Verification v, String message, long requests, Instant at) {
        return step(l, "UPDATE leases SET verified_at = ?, verification = ?, verify_message = ?, verify_requests = ?"
                + " WHERE id = ?", new Object[] {Sql.time(at), v.sql(), message, requests, l.id()}, at, "verified",
                Optional.of(v.sql()), message, List.of());
    }

    /** Updates the lease and records the event in one transaction; returns the lease as stored. */
    private Lease step(Lease l, String update, Object[] params, Instant at, String event, Optional<String> outcome,
                       String message, List<String> requests) {
        tx(() -> {
            Sql.update(connection, update, params);
            event(l.id(), at, event, outcome, Optional.ofNullable(message), requests);
            return null;
        });
        return find(l.id()).orElseThrow();
    }

    private void event(long leaseId, Instant at, String event, Optional<String> outcome, Optional<String> message,
                       List<String> requests) throws SQLException {
        Sql.update(connection, "INSERT INTO lease_events (lease_id, at, event, outcome, message, requests) VALUES (?, ?,"
                + " ?, ?, ?, ?)", leaseId, Sql.time(at), event, outcome, message,
                requests.isEmpty() ? null : json(requests));
    }

    @Override
    public List<LeaseEvent> events(Lease l) {
        return read(() -> {
            List<LeaseEvent> all = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT at, event, outcome, message, requests FROM"
                    + " lease_events WHERE lease_id = ? ORDER BY id")) {
                Sql.bind(st, l.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new LeaseEvent(l.id(), Sql.instant(rs.getString(1)), rs.getString(2),
                                Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                                list(rs.getString(5))));
                    }
                }
            }
            return all;
        });
    }

    @Override
    public Optional<Boolean> heldBefore(StoredConnection c, String entitlementId, String principal, Instant before) {
        return read(() -> {
            long sync;
            try (PreparedStatement st = connection.prepareStatement("SELECT MAX(id) FROM syncs WHERE connection_id = ?"
                    + " AND status = 'completed' AND finished_at < ?")) {
                Sql.bind(st, c.id(), Sql.time(before));
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    sync = rs.getLong(1);
                    if (rs.wasNull()) {
                        return Optional.empty();
                    }
                }
            }
            try (PreparedStatement st = connection.prepareStatement("SELECT COUNT(*) FROM record_versions WHERE"
                    + " connection_id = ? AND kind = 'grant' AND entitlement_id = ? AND principal = ? AND"
                    + " first_sync_id <= ? AND last_sync_id >= ?")) {
                Sql.bind(st, c.id(), entitlementId, principal, sync, sync);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return Optional.of(rs.getLong(1) > 0);
                }
            }
        });
    }

    @Override
    public Optional<String> latest(StoredConnection c, String kind, String key) {
        return read(() -> {
            try (PreparedStatement st = connection.prepareStatement("SELECT data FROM record_versions WHERE"
                    + " connection_id = ? AND kind = ? AND record_key = ? AND last_sync_id IS NOT NULL ORDER BY"
                    + " last_sync_id DESC, id DESC LIMIT 1")) {
                Sql.bind(st, c.id(), kind, key);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private List<Lease> query(String where, Object... params) {
        return read(() -> {
            List<Lease> all = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE " + where)) {
                Sql.bind(st, params);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(leaseOf(rs));
                    }
                }
            }
            return all;
        });
    }

    private static Lease leaseOf(ResultSet rs) throws SQLException {
        return new Lease(rs.getLong("id"), rs.getString("connection_name"), rs.getString("entitlement_id"),
                rs.getString("principal"), Optional.ofNullable(rs.getString("reason")),
                Optional.ofNullable(rs.getString("requested_by")), rs.getString("granted_by"),
                Sql.instant(rs.getString("requested_at")), Sql.instant(rs.getString("ends_at")),
                Lease.State.parse(rs.getString("state")),
                Optional.ofNullable(rs.getString("grant_outcome")).map(Lease.GrantOutcome::parse),
                Sql.optionalInstant(rs.getString("granted_at")), Optional.ofNullable(rs.getString("grant_message")),
                rs.getInt("owns_access") == 1, rs.getInt("attempts"), Sql.optionalInstant(rs.getString("ended_at")),
                Optional.ofNullable(rs.getString("end_outcome")).map(Lease.EndOutcome::parse),
                Optional.ofNullable(rs.getString("end_message")), Sql.optionalInstant(rs.getString("verified_at")),
                Optional.ofNullable(rs.getString("verification")).map(Lease.Verification::parse),
                Optional.ofNullable(rs.getString("verify_message")));
    }

    private static String json(List<String> requests) {
        try {
            return JSON.writeValueAsString(requests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings as JSON", e);
        }
    }

    private static List<String> list(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Problem.UNAVAILABLE, "a lease event's requests are not JSON: " + json, e);
        }
    }
}
