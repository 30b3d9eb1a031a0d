package dev.plugboard.host.report;

import dev.plugboard.host.json.Json;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.Incremental;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One incremental run's bookkeeping: which rows are new or changed (by primary key and a digest of the values),
 * the greatest cursor read, and the state to save when the run completes. Rows that the last run delivered with
 * the same values (the overlap of the lookback) and rows read twice in this run are not new.
 */
public final class IncrementalMerge {
    private final Duration lookback;
    private final IncrementalState previous;
    private final int cursorIndex;
    private final int[] keyIndexes;
    private final Map<String, String> delivered = new HashMap<>();
    private final Map<String, IncrementalState.EdgeRow> edge;
    private Optional<Instant> maxCursor;
    private long unchanged;

    /**
     * @param declaration the report's incremental declaration
     * @param columns     the report's columns, in row order
     * @param previous    the state the last completed run saved
     * @param lookback    how far before the cursor the runs read again
     * @param resumed     the edge and greatest cursor of this run so far, when it resumes an interrupted run
     */
    public IncrementalMerge(Incremental declaration, List<Column> columns, IncrementalState previous,
                            Duration lookback, Optional<IncrementalState> resumed) {
        Objects.requireNonNull(declaration, "declaration");
        this.previous = Objects.requireNonNull(previous, "previous");
        this.lookback = Objects.requireNonNull(lookback, "lookback");
        List<String> names = columns.stream().map(Column::name).toList();
        this.cursorIndex = names.indexOf(declaration.cursorColumn());
        this.keyIndexes = declaration.primaryKey().stream().mapToInt(names::indexOf).toArray();
        this.edge = new HashMap<>(resumed.map(IncrementalState::boundary).orElse(Map.of()));
        this.maxCursor = resumed.flatMap(IncrementalState::cursor);
        edge.forEach((k, v) -> delivered.put(k, v.digest()));
    }

    /**
     * @param previous    the saved state
     * @param lookback    the lookback
     * @param retention   how long the source keeps rows
     * @param now         the host's now
     * @return the lower bound of the next run: the cursor minus the lookback, not before the retention; empty for a
     *         first run (the whole window)
     */
    public static Optional<Instant> lowerBound(IncrementalState previous, Duration lookback,
                                               Optional<Duration> retention, Instant now) {
        return previous.cursor().map(c -> {
            Instant from = c.minus(lookback);
            if (retention.isPresent() && from.isBefore(now.minus(retention.get()))) {
                return now.minus(retention.get());
            }
            return from;
        });
    }

    /**
     * @param row a row, values in column order
     * @return whether it is new or changed since the last run (and not already given in this run)
     */
    public boolean accept(List<Object> row) {
        String key = key(row);
        String digest = digest(row);
        Object c = row.get(cursorIndex);
        if (c instanceof Instant cursor) {
            if (maxCursor.isEmpty() || cursor.isAfter(maxCursor.get())) {
                maxCursor = Optional.of(cursor);
            }
            edge.put(key, new IncrementalState.EdgeRow(digest, cursor));
            prune();
        }
        if (digest.equals(delivered.get(key))) {
            unchanged++;
            return false;
        }
        IncrementalState.EdgeRow before = previous.boundary().get(key);
        delivered.put(key, digest);
        if (before != null && before.digest().equals(digest)) {
            unchanged++;
            return false;
        }
        return true;
    }

    /** @return rows read that were not new or changed */
    public long unchanged() {
        return unchanged;
    }

    /** @return the state to save when the run completes (also what a checkpoint keeps of this run) */
    public IncrementalState state() {
        Optional<Instant> cursor = maxCursor;
        Map<String, IncrementalState.EdgeRow> kept = new HashMap<>(edge);
        if (maxCursor.isEmpty() || previous.cursor().filter(p -> p.isAfter(maxCursor.get())).isPresent()) {
            cursor = previous.cursor();
            previous.boundary().forEach(kept::putIfAbsent);
        }
        if (cursor.isPresent()) {
            Instant floor = cursor.get().minus(lookback);
            kept.values().removeIf(r -> r.cursor().isBefore(floor));
        }
        return new IncrementalState(cursor, kept);
    }

    /** @return this run's progress only, for a checkpoint */
    public IncrementalState progress() {
        return new IncrementalState(maxCursor, Map.copyOf(edge));
    }

    private void prune() {
        Instant floor = maxCursor.orElseThrow().minus(lookback);
        if (edge.size() > 64) {
            edge.values().removeIf(r -> r.cursor().isBefore(floor));
        }
    }

    private String key(List<Object> row) {
        List<Object> values = new ArrayList<>(keyIndexes.length);
        for (int i : keyIndexes) {
            Object v = row.get(i);
            values.add(v == null ? null : v.toString());
        }
        return Json.text(values);
    }

    private static String digest(List<Object> row) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object v : row) {
                sha.update((v == null ? "\u0000null" : v.getClass().getSimpleName() + ":" + v)
                        .getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1f);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
