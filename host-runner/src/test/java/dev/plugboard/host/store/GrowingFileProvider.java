package dev.plugboard.host.store;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Incremental;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A test plugin ("growing") whose reports read a data file afresh at every page, so a test adds rows between two CLI
 * runs: lines {@code event ID AT TITLE...} and {@code issue ID LAST_SEEN COUNT}. Report {@code events} (cursor
 * {@code at}, key {@code id}, kept 90 days; parameter {@code prefix} keeps the ids that start with it), report
 * {@code issues} (cursor {@code lastSeen}, key {@code id}, rows change) and the full refresh report {@code plain}.
 * Pages of two rows, newest first, filtered by the host's lower bound like an API's {@code start}. Config:
 * {@code dataFile}, {@code log} (one line per call: {@code events:TOKEN[ from T]}), {@code failOn} (a call,
 * {@code events:2}, that fails with PERMISSION while the file {@code failWhile} exists). A line {@code keyTitle} in the
 * data file declares the key of {@code events} as {@code (id, title)}: a plugin whose key changed. Uses only the JDK and the SPI.
 */
public final class GrowingFileProvider implements ConnectorProvider {
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"prefix\":{\"type\":\"string\"}}}";

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("growing", "Growing file", "0.0.1", SpiVersion.parse("1.1"),
                Set.of(Capability.REPORTS), Optional.empty(), """
                {"type":"object","required":["dataFile"],"additionalProperties":false,
                 "properties":{"dataFile":{"type":"string"},"log":{"type":"string"},"failOn":{"type":"string"},
                              "failWhile":{"type":"string"}}}""", 1);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        Path data = Path.of(config.string("dataFile").orElseThrow());
        Optional<Path> log = config.string("log").map(Path::of);
        Optional<String> failOn = config.string("failOn");
        Optional<Path> failWhile = config.string("failWhile").map(Path::of);
        Reports reports = new Reports() {
            @Override
            public List<ReportDefinition> definitions() {
                boolean keyTitle;
                try {
                    keyTitle = Files.readAllLines(data).contains("keyTitle");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return List.of(new ReportDefinition("events", "Events", "Events, newest first.", SCHEMA,
                                List.of(Column.of("id", ColumnType.STRING), Column.of("at", ColumnType.TIMESTAMP),
                                        Column.of("title", ColumnType.STRING)))
                                .withIncremental((keyTitle ? Incremental.of("at", false, "id", "title")
                                        : Incremental.of("at", false, "id")).withRetention(Duration.ofDays(90))),
                        new ReportDefinition("issues", "Issues", "Issues, last seen first.", SCHEMA,
                                List.of(Column.of("id", ColumnType.STRING), Column.of("lastSeen", ColumnType.TIMESTAMP),
                                        Column.of("count", ColumnType.INTEGER)))
                                .withIncremental(Incremental.of("lastSeen", true, "id")),
                        new ReportDefinition("plain", "Plain", "A full refresh report.", SCHEMA,
                                List.of(Column.of("id", ColumnType.STRING))));
            }

            @Override
            public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters,
                                                  Optional<String> token) {
                return page(reportId, parameters, Optional.empty(), token);
            }

            @Override
            public CompletionStage<Page<Row>> runIncremental(String reportId, Map<String, Object> parameters,
                                                             Instant from, Optional<String> token) {
                return page(reportId, parameters, Optional.of(from), token);
            }

            private CompletionStage<Page<Row>> page(String reportId, Map<String, Object> parameters,
                                                    Optional<Instant> from, Optional<String> token) {
                String call = reportId + ":" + token.orElse("-");
                try {
                    if (log.isPresent()) {
                        Files.writeString(log.get(), call + from.map(f -> " from " + f).orElse("") + "\n",
                                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    }
                    if (failOn.filter(call::equals).isPresent() && failWhile.map(Files::exists).orElse(true)) {
                        return CompletableFuture.failedFuture(new ConnectorException(ErrorKind.PERMISSION, "denied "
                                + call));
                    }
                    List<Map<String, Object>> all = rows(reportId, Files.readAllLines(data));
                    String cursor = reportId.equals("issues") ? "lastSeen" : "at";
                    String prefix = (String) parameters.getOrDefault("prefix", "");
                    all.removeIf(r -> !((String) r.get("id")).startsWith(prefix));
                    all.removeIf(r -> from.isPresent() && ((Instant) r.get(cursor)).isBefore(from.get()));
                    if (!reportId.equals("plain")) {
                        all.sort(Comparator.comparing((Map<String, Object> r) -> (Instant) r.get(cursor)).reversed()
                                .thenComparing(r -> (String) r.get("id")));
                    }
                    int start = token.map(Integer::parseInt).orElse(0);
                    int end = Math.min(all.size(), start + 2);
                    List<Row> rows = all.subList(start, end).stream().map(Row::new).toList();
                    return CompletableFuture.completedFuture(end < all.size() ? Page.of(rows, String.valueOf(end))
                            : Page.last(rows));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return new Connector() {
            @Override
            public CompletionStage<CheckResult> check() {
                return CompletableFuture.completedFuture(new CheckResult(List.of()));
            }

            @Override
            public Optional<Reports> reports() {
                return Optional.of(reports);
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<Map<String, Object>> rows(String report, List<String> lines) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ", 4);
            Map<String, Object> r = new LinkedHashMap<>();
            if (report.equals("issues") && f[0].equals("issue")) {
                r.put("id", f[1]);
                r.put("lastSeen", Instant.parse(f[2]));
                r.put("count", Long.parseLong(f[3]));
                out.add(r);
            } else if (!report.equals("issues") && f[0].equals("event")) {
                r.put("id", f[1]);
                if (!report.equals("plain")) {
                    r.put("at", Instant.parse(f[2]));
                    r.put("title", f.length > 3 ? f[3] : "");
                }
                out.add(r);
            }
        }
        return out;
    }
}
