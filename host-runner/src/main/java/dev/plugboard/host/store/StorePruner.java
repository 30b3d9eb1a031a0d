package dev.plugboard.host.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Retention for one connection, inside the caller's transaction. */
final class StorePruner {
    private StorePruner() {
    }

    /** @return {syncs deleted, versions deleted} */
    static long[] prune(Connection connection, StoredConnection c, OptionalInt keep, Optional<Instant> before)
            throws SQLException {
        List<Long> completed = new ArrayList<>();
        List<String> finished = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement("SELECT id, finished_at FROM syncs WHERE"
                + " connection_id = ? AND status = 'completed' ORDER BY id DESC")) {
            Sql.bind(st, c.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    completed.add(rs.getLong(1));
                    finished.add(rs.getString(2));
                }
            }
        }
        if (completed.isEmpty()) {
            return new long[] {0, 0};
        }
        // the oldest completed sync to keep: never later than the newest
        int keepIndex = completed.size() - 1;
        if (keep.isPresent()) {
            keepIndex = Math.min(keepIndex, Math.max(0, keep.getAsInt() - 1));
        }
        if (before.isPresent()) {
            String cutoff = Sql.time(before.get());
            int lastBefore = 0;
            while (lastBefore < completed.size() && finished.get(lastBefore).compareTo(cutoff) >= 0) {
                lastBefore++;
            }
            keepIndex = Math.min(keepIndex, Math.max(0, lastBefore - 1));
        }
        long oldestKept = completed.get(keepIndex);
        long versions = Sql.update(connection, "DELETE FROM record_versions WHERE connection_id = ? AND last_sync_id"
                + " IS NOT NULL AND last_sync_id < ?", c.id(), oldestKept);
        Sql.update(connection, "UPDATE record_versions SET first_sync_id = ? WHERE connection_id = ? AND first_sync_id"
                + " < ?", oldestKept, c.id(), oldestKept);
        long syncs = Sql.update(connection, "DELETE FROM syncs WHERE connection_id = ? AND id < ? AND status <>"
                + " 'running' AND id NOT IN (SELECT first_sync_id FROM record_versions WHERE connection_id = ?)"
                + " AND id NOT IN (SELECT seen_sync_id FROM record_versions WHERE connection_id = ? AND last_sync_id"
                + " IS NULL)", c.id(), oldestKept, c.id(), c.id());
        return new long[] {syncs, versions};
    }
}
