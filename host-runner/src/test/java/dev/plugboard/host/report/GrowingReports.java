package dev.plugboard.host.report;

import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Incremental;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * An in-memory source that grows, for incremental tests: report {@code events} (rows never change, cursor
 * {@code at}) and report {@code issues} (rows change: {@code lastSeen} moves and {@code count} grows), served newest
 * first, two rows a page, filtered by the lower bound like a real API's {@code start}.
 */
final class GrowingReports implements Reports {
    static final String SCHEMA = "{\"type\":\"object\"}";
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final Map<String, Map<String, Object>> issues = new LinkedHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile Predicate<String> failOn = t -> false;

    GrowingReports event(String id, String at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("at", Instant.parse(at));
        e.put("title", "event " + id);
        events.add(e);
        return this;
    }

    GrowingReports issue(String id, String lastSeen, long count) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("id", id);
        i.put("lastSeen", Instant.parse(lastSeen));
        i.put("count", count);
        issues.put(id, i);
        return this;
    }

    /** Fails the call for a page token ({@code report:token}, e.g. {@code events:2}) while the predicate holds. */
    GrowingReports failOn(Predicate<String> which) {
        this.failOn = which;
        return this;
    }

    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    void clearCalls() {
        calls.clear();
    }

    @Override
    public List<ReportDefinition> definitions() {
        return List.of(new ReportDefinition("events", "Events", "", SCHEMA, List.of(Column.of("id", ColumnType.STRING),
                        Column.of("at", ColumnType.TIMESTAMP), Column.of("title", ColumnType.STRING)))
                        .withIncremental(Incremental.of("at", false, "id").withRetention(Duration.ofDays(90))),
                new ReportDefinition("issues", "Issues", "", SCHEMA, List.of(Column.of("id", ColumnType.STRING),
                        Column.of("lastSeen", ColumnType.TIMESTAMP), Column.of("count", ColumnType.INTEGER)))
                        .withIncremental(Incremental.of("lastSeen", true, "id")));
    }

    @Override
    public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters, Optional<String> token) {
        return page(reportId, Optional.empty(), token);
    }

    @Override
    public CompletionStage<Page<Row>> runIncremental(String reportId, Map<String, Object> parameters, Instant from,
                                                     Optional<String> token) {
        return page(reportId, Optional.of(from), token);
    }

    private CompletionStage<Page<Row>> page(String reportId, Optional<Instant> from, Optional<String> token) {
        String call = reportId + ":" + token.orElse("-");
        calls.add(call + from.map(f -> " from " + f).orElse(""));
        if (failOn.test(call)) {
            return CompletableFuture.failedFuture(new ConnectorException(ErrorKind.PERMISSION, "denied " + call));
        }
        String cursor = reportId.equals("events") ? "at" : "lastSeen";
        List<Map<String, Object>> all = new ArrayList<>(reportId.equals("events") ? events : issues.values());
        all.removeIf(r -> from.isPresent() && ((Instant) r.get(cursor)).isBefore(from.get()));
        all.sort(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get(cursor)).reversed()
                .thenComparing(r -> (String) r.get("id")));
        int start = token.map(Integer::parseInt).orElse(0);
        int end = Math.min(all.size(), start + 2);
        List<Row> rows = all.subList(start, end).stream().map(Row::new).toList();
        return CompletableFuture.completedFuture(end < all.size() ? Page.of(rows, String.valueOf(end))
                : Page.last(rows));
    }
}
