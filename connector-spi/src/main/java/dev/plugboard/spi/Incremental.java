package dev.plugboard.spi;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * How a report can be fetched incrementally: which column orders its rows in time, which columns identify a row,
 * and whether a row can change after it first appears. A report that declares it is run by the host with a lower
 * bound ({@link Reports#runIncremental}); the host keeps the cursor between runs and merges rows by their key.
 *
 * @param cursorColumn the {@link ColumnType#TIMESTAMP} column whose value only grows for new or changed rows (an
 *                     event's {@code dateCreated}, an issue's {@code lastSeen})
 * @param primaryKey   the columns that together identify a row, in order; never empty
 * @param rowsChange   whether a row can change after it first appears (an issue's {@code lastSeen} moves and its
 *                     counts grow; an event never changes), so the host updates rows it already has
 * @param retention    how long the source keeps rows, when it is limited (Sentry: 90 days); a cursor older than
 *                     that is a warning and the run fetches what is still there
 * @since SPI 1.1
 */
public record Incremental(String cursorColumn, List<String> primaryKey, boolean rowsChange,
                          Optional<Duration> retention) {

    /** Checks and copies. */
    public Incremental {
        Checks.text(cursorColumn, "cursorColumn");
        primaryKey = List.copyOf(Checks.noNulls(primaryKey, "primaryKey"));
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException("primaryKey must name at least one column");
        }
        if (new HashSet<>(primaryKey).size() != primaryKey.size()) {
            throw new IllegalArgumentException("primaryKey names a column twice: " + primaryKey);
        }
        Checks.present(retention, "retention");
        retention.ifPresent(r -> {
            if (r.isNegative() || r.isZero()) {
                throw new IllegalArgumentException("retention must be positive, got " + r);
            }
        });
    }

    /**
     * @param cursorColumn the cursor column
     * @param rowsChange   whether rows change after they first appear
     * @param primaryKey   the key columns
     * @return an incremental declaration with no retention limit
     */
    public static Incremental of(String cursorColumn, boolean rowsChange, String... primaryKey) {
        return new Incremental(cursorColumn, List.of(primaryKey), rowsChange, Optional.empty());
    }

    /**
     * @param limit how long the source keeps rows
     * @return the same declaration with that retention
     */
    public Incremental withRetention(Duration limit) {
        return new Incremental(cursorColumn, primaryKey, rowsChange, Optional.of(limit));
    }

    /**
     * Checks the declaration against a report's columns.
     *
     * @param reportId the report, for messages
     * @param columns  its columns
     * @throws IllegalArgumentException naming the column that is missing or has the wrong type
     */
    void check(String reportId, List<Column> columns) {
        Column cursor = columns.stream().filter(c -> c.name().equals(cursorColumn)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("report " + reportId + "'s cursor column '"
                        + cursorColumn + "' is not one of its columns"));
        if (cursor.type() != ColumnType.TIMESTAMP) {
            throw new IllegalArgumentException("report " + reportId + "'s cursor column '" + cursorColumn
                    + "' must be a TIMESTAMP column, not " + cursor.type());
        }
        for (String key : primaryKey) {
            if (columns.stream().noneMatch(c -> c.name().equals(key))) {
                throw new IllegalArgumentException("report " + reportId + "'s primary key column '" + key
                        + "' is not one of its columns");
            }
        }
    }
}
