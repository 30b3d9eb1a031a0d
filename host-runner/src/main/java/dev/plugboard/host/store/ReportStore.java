package dev.plugboard.host.store;

import dev.plugboard.spi.Column;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the store keeps for reports: where each incremental report stands (per connection, report and parameters),
 * and one typed table per connection and report into which rows are merged by primary key. Every method throws
 * {@link StoreException} when the store fails.
 */
public interface ReportStore {

    /**
     * @param connection the connection
     * @param report     the report id
     * @param parameters the report's parameters (their order does not matter)
     * @param target     what the runs feed
     * @return what the last completed run saved, if one did
     */
    Optional<SavedCursor> cursor(StoredConnection connection, String report, Map<String, Object> parameters,
                                 Target target);

    /**
     * Saves where a completed run left the report, replacing what the run before it saved.
     *
     * @param connection the connection
     * @param report     the report id
     * @param parameters the report's parameters
     * @param target     what the run fed
     * @param run        what the run read and the state it left
     */
    void saveCursor(StoredConnection connection, String report, Map<String, Object> parameters, Target target,
                    CompletedRun run);

    /**
     * Finds or creates the report's table for the connection; columns the report gained since are added to it.
     *
     * @param connection the connection
     * @param report     the report id
     * @param columns    the report's columns, in row order
     * @param primaryKey the report's primary key columns
     * @return the table
     * @throws StoreException (usage) when the table exists with another primary key or another column type, or
     *                        its name is taken or too long
     */
    ReportTable table(StoredConnection connection, String report, List<Column> columns, List<String> primaryKey);

    /**
     * What incremental runs feed; each has its own cursor, so a run into the table never skips rows that a run to a
     * file delivered before (and the other way round).
     */
    enum Target {
        /** The store's table of the report ({@code --into store}). */
        TABLE,
        /** Standard output or {@code --out FILE} only. */
        OUTPUT;

        /** @return its name in {@code report_cursors.target} */
        public String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * What a completed incremental run leaves.
     *
     * @param cursor   the greatest cursor value read so far (empty until a run reads a row)
     * @param state    the host's state for the next run (JSON text)
     * @param rowsRead rows the run read
     * @param rowsNew  rows it found new or changed
     * @param at       when it completed
     */
    record CompletedRun(Optional<Instant> cursor, String state, long rowsRead, long rowsNew, Instant at) {
        /** Checks every component. */
        public CompletedRun {
            java.util.Objects.requireNonNull(cursor, "cursor");
            java.util.Objects.requireNonNull(state, "state");
            java.util.Objects.requireNonNull(at, "at");
        }
    }

    /**
     * What the last completed run saved.
     *
     * @param cursor    the greatest cursor value read
     * @param state     the host's state (JSON text)
     * @param runs      completed runs so far
     * @param updatedAt when the last one completed
     */
    record SavedCursor(Optional<Instant> cursor, String state, long runs, Instant updatedAt) {
        /** Checks every component. */
        public SavedCursor {
            java.util.Objects.requireNonNull(cursor, "cursor");
            java.util.Objects.requireNonNull(state, "state");
            java.util.Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }

    /** A report's table in the store. */
    interface ReportTable {
        /** @return its SQL name, e.g. {@code report_acme_project_events} */
        String name();

        /**
         * Inserts the rows, or updates those whose primary key is there already, all in one transaction.
         *
         * @param rows rows, values in the report's column order
         * @throws StoreException (usage) when a row has no value for a key column
         */
        void merge(List<List<Object>> rows);
    }
}
