package dev.plugboard.host.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The review tables over JDBC (schema 5), the same SQL on SQLite and PostgreSQL. */
final class JdbcReviews implements ReviewStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMPAIGN_COLUMNS = "r.id, r.connection_id, c.name, r.sync_id, r.filter, r.started_at,"
            + " r.started_by, r.row_count";

    private final Connection connection;
    private final StoreLocation location;

    JdbcReviews(Connection connection, StoreLocation location) {
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
    public Campaign startCampaign(StoredConnection c, long syncId, String filter, String by, Instant at,
                                  List<Row> rows) {
        return tx(() -> {
            long id;
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO review_campaigns (connection_id,"
                    + " sync_id, filter, started_at, started_by, row_count) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                Sql.bind(st, c.id(), syncId, filter, Sql.time(at), by, (long) rows.size());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO review_rows (campaign_id, row_number,"
                    + " principal, principal_name, entitlement_id, resource_type, resource_id, resource_name, slug,"
                    + " paths, last_login, last_active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (Row r : rows) {
                    n++;
                    Sql.bind(st, id, n, r.principal(), r.principalName(), r.entitlementId(), r.resourceType(),
                            r.resourceId(), r.resourceName(), r.slug(), pathsJson(r.paths()), r.lastLogin(),
                            r.lastActive());
                    st.addBatch();
                    if (n % 1000 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return campaignWhere("r.id = ?", id).get(0);
        });
    }

    private static String pathsJson(List<Path> paths) {
        ArrayNode array = JSON.createArrayNode();
        paths.forEach(p -> array.addArray().add(p.path()).add(p.grantId()));
        return array.toString();
    }

    private static List<Path> paths(String json) throws SQLException {
        try {
            List<Path> paths = new ArrayList<>();
            for (JsonNode p : JSON.readTree(json)) {
                paths.add(new Path(p.get(0).asText(), p.get(1).asText()));
            }
            return paths;
        } catch (JsonProcessingException e) {
            throw new SQLException("a review row's paths are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private List<Campaign> campaignWhere(String where, Object... params) throws SQLException {
        List<Campaign> all = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT " + CAMPAIGN_COLUMNS + " FROM review_campaigns r"
                + " JOIN connections c ON c.id = r.connection_id WHERE " + where + " ORDER BY r.id")) {
            Sql.bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    all.add(new Campaign(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), Sql.instant(rs.getString(6)), rs.getString(7), rs.getLong(8)));
                }
            }
        }
        return all;
    }

    @Override
    public List<Campaign> campaigns(Optional<StoredConnection> c) {
        return read(() -> c.isPresent() ? campaignWhere("r.connection_id = ?", c.get().id())
                : campaignWhere("1 = 1"));
    }

    @Override
    public Campaign campaign(long id) {
        List<Campaign> found = read(() -> campaignWhere("r.id = ?", id));
        if (found.isEmpty()) {
            List<Campaign> all = campaigns(Optional.empty());
            throw new StoreException(StoreException.Problem.USAGE, "the store " + location.describe() + " has no review"
                    + " campaign " + id + (all.isEmpty() ? " (it has none yet: start one with plugboard review start)"
                    : "; plugboard review list shows the " + all.size() + " it has"));
        }
        return found.get(0);
    }

    @Override
    public List<Row> rows(Campaign campaign) {
        return read(() -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT row_number, principal, principal_name,"
                    + " entitlement_id, resource_type, resource_id, resource_name, slug, paths, last_login, last_active"
                    + " FROM review_rows WHERE campaign_id = ? ORDER BY row_number")) {
                Sql.bind(st, campaign.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                paths(rs.getString(9)), rs.getString(10), rs.getString(11)));
                    }
                }
            }
            return rows;
        });
    }

    @Override
    public long startRun(Run run) {
        return tx(() -> {
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO review_runs (campaign_id, started_at,"
                    + " run_by, file, dry_run, sync_id, status, message) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)"
                    + " RETURNING id")) {
                Sql.bind(st, run.campaignId(), Sql.time(run.startedAt()), run.by(), run.file(), run.dryRun() ? 1 : 0,
                        run.syncId(), run.message());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public void finishRun(long runId, String status, String message, Instant at) {
        tx(() -> Sql.update(connection, "UPDATE review_runs SET status = ?, message = ?, finished_at = ? WHERE id = ?",
                status, message, Sql.time(at), runId));
    }

    @Override
    public void recordDecisions(long runId, List<Decision> decisions) {
        tx(() -> {
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO review_decisions (run_id, file_row,"
                    + " principal, entitlement_id, decision, reviewer, comment, remove_choice, verdict)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Decision d : decisions) {
                    Sql.bind(st, runId, d.fileRow(), d.principal(), d.entitlementId(), d.decision(), d.reviewer(),
                            d.comment(), d.remove(), d.verdict());
                    st.addBatch();
                }
                st.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void recordAction(long runId, Action a) {
        tx(() -> Sql.update(connection, "INSERT INTO review_actions (run_id, seq, entitlement_id, principal, for_rows,"
                + " also_removes, outcome, message, requests, planned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", runId,
                a.seq(), a.entitlementId(), a.principal(), String.join(",", a.forRows().stream().map(String::valueOf)
                        .toList()), String.join("\n", a.alsoRemoves()), a.outcome(), a.message(),
                String.join("\n", a.requests()), Sql.time(a.plannedAt())));
    }

    @Override
    public void actionOutcome(long runId, int seq, String outcome, String message, List<String> requests,
                              Instant at) {
        tx(() -> Sql.update(connection, "UPDATE review_actions SET outcome = ?, message = ?, requests = ?,"
                + " finished_at = ? WHERE run_id = ? AND seq = ?", outcome, message, String.join("\n", requests),
                Sql.time(at), runId, seq));
    }

    @Override
    public List<Run> runs(Campaign campaign) {
        return read(() -> {
            List<Run> runs = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT id, campaign_id, started_at, run_by, file,"
                    + " dry_run, sync_id, status, message, finished_at FROM review_runs WHERE campaign_id = ?"
                    + " ORDER BY id")) {
                Sql.bind(st, campaign.id());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        runs.add(new Run(rs.getLong(1), rs.getLong(2), Sql.instant(rs.getString(3)), rs.getString(4),
                                rs.getString(5), rs.getInt(6) != 0, rs.getLong(7), rs.getString(8), rs.getString(9),
                                Sql.optionalInstant(rs.getString(10))));
                    }
                }
            }
            return runs;
        });
    }

    @Override
    public List<Decision> decisions(long runId) {
        return read(() -> {
            List<Decision> all = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT file_row, principal, entitlement_id,"
                    + " decision, reviewer, comment, remove_choice, verdict FROM review_decisions WHERE run_id = ?"
                    + " ORDER BY file_row")) {
                Sql.bind(st, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Decision(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
            }
            return all;
        });
    }

    @Override
    public List<Action> actions(long runId) {
        return read(() -> {
            List<Action> all = new ArrayList<>();
            try (PreparedStatement st = connection.prepareStatement("SELECT seq, entitlement_id, principal, for_rows,"
                    + " also_removes, outcome, message, requests, planned_at, finished_at FROM review_actions"
                    + " WHERE run_id = ? ORDER BY seq")) {
                Sql.bind(st, runId);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Action(rs.getInt(1), rs.getString(2), rs.getString(3),
                                split(rs.getString(4), ",").stream().map(Integer::valueOf).toList(),
                                split(rs.getString(5), "\n"), rs.getString(6), rs.getString(7),
                                split(rs.getString(8), "\n"), Sql.instant(rs.getString(9)),
                                Sql.optionalInstant(rs.getString(10))));
                    }
                }
            }
            return all;
        });
    }

    private static List<String> split(String text, String separator) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(separator, -1));
    }
}
