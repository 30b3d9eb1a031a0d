package dev.plugboard.host.report;

import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** An in-memory reports capability for tests: one report, {@code members}, served two rows a page. */
public final class FakeReports implements Reports {
    /** The parameter schema of {@code members}. */
    public static final String SCHEMA = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{
               "limit":{"type":"integer","minimum":1,"description":"most rows"},
               "active":{"type":"boolean"},
               "teams":{"type":"array","items":{"type":"string"}},
               "ratio":{"type":"number"},
               "name":{"type":"string","enum":["a","b"]}},
             "required":["limit"],"additionalProperties":false}""";

    private final List<Row> rows = new ArrayList<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Optional<String>, Optional<CompletionStage<Page<Row>>>> override = t -> Optional.empty();

    /** @return the report with four rows, including awkward text, nulls, an instant and JSON */
    public static FakeReports standard() {
        FakeReports r = new FakeReports();
        r.row(1L, "Ada Lovelace", true, Instant.parse("2024-01-02T03:04:05Z"), 1.5, "{\"teams\":[\"core\"]}");
        r.row(2L, "Bob, \"the builder\"", false, Instant.parse("2024-02-03T04:05:06.789Z"), 2, "[]");
        r.row(3L, "Multi\nline", null, null, null, null);
        r.row(4, "Émile", true, Instant.parse("2024-03-04T05:06:07Z"), new java.math.BigDecimal("0.10"), "{}");
        return r;
    }

    /** Adds a row (values in column order). */
    public FakeReports row(Object id, Object name, Object active, Object joined, Object score, Object tags) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("active", active);
        values.put("joined", joined);
        values.put("score", score);
        values.put("tags", tags);
        rows.add(new Row(values));
        return this;
    }

    /** Adds a row as given. */
    public FakeReports rawRow(Map<String, Object> values) {
        rows.add(new Row(values));
        return this;
    }

    /** Answers calls for a token with the function's stage when it gives one. */
    public FakeReports override(Function<Optional<String>, Optional<CompletionStage<Page<Row>>>> f) {
        this.override = f;
        return this;
    }

    /** @return the calls made, as {@code report token params} */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    @Override
    public List<ReportDefinition> definitions() {
        return List.of(new ReportDefinition("members", "Members", "One row per member.", SCHEMA, List.of(
                new Column("id", ColumnType.INTEGER, "member id"),
                Column.of("name", ColumnType.STRING),
                Column.of("active", ColumnType.BOOLEAN),
                Column.of("joined", ColumnType.TIMESTAMP),
                Column.of("score", ColumnType.NUMBER),
                Column.of("tags", ColumnType.JSON))),
                new ReportDefinition("teams", "Teams", "One row per team.", "{\"type\":\"object\"}",
                        List.of(Column.of("slug", ColumnType.STRING))));
    }

    @Override
    public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters, Optional<String> token) {
        calls.add(reportId + " " + token.orElse("-") + " " + parameters);
        Optional<CompletionStage<Page<Row>>> special = override.apply(token);
        if (special.isPresent()) {
            return special.get();
        }
        if (parameters.get("teams") instanceof List<?> teams && teams.contains("nope")) {
            // a named thing the remote system does not have, as a real plugin reports it
            return CompletableFuture.failedFuture(new dev.plugboard.spi.ConnectorException(
                    dev.plugboard.spi.ErrorKind.NOT_FOUND, "parameter 'teams': there is no team 'nope'"));
        }
        int from = token.map(Integer::parseInt).orElse(0);
        int to = Math.min(rows.size(), from + 2);
        List<Row> page = rows.subList(from, to);
        return CompletableFuture.completedFuture(to < rows.size() ? Page.of(page, String.valueOf(to)) : Page.last(page));
    }
}
