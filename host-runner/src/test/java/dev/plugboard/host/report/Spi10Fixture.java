package dev.plugboard.host.report;

/**
 * The source of a plugin written for SPI 1.0, compiled at test time: its report is built with the 1.0
 * {@code ReportDefinition} constructor and its {@code Reports} implements only {@code run}. Report {@code rows}
 * answers five rows, two a page; with {@code failOnce} (a marker file) the page after token 2 fails once with
 * PERMISSION; {@code log} (a file) gets one line per call; {@code delayMillis} slows every page.
 */
final class Spi10Fixture {
    static final String CLASS = "fx.Spi10";

    private Spi10Fixture() {
    }

    static String source() {
        return """
                package fx;
                import dev.plugboard.spi.*;
                import java.nio.file.*;
                import java.util.*;
                import java.util.concurrent.*;
                public class Spi10 implements ConnectorProvider {
                    public ConnectorDescriptor descriptor() {
                        return new ConnectorDescriptor("spi10", "SPI 1.0 fixture", "1.0.0", SpiVersion.parse("1.0"),
                            Set.of(Capability.REPORTS), Optional.empty(),
                            "{\\"type\\":\\"object\\",\\"properties\\":{\\"failOnce\\":{\\"type\\":\\"string\\"},"
                            + "\\"log\\":{\\"type\\":\\"string\\"},\\"delayMillis\\":{\\"type\\":\\"integer\\"}}}", 1);
                    }
                    public Connector open(ConnectorConfig config, ConnectorContext context) {
                        Optional<String> failOnce = config.string("failOnce");
                        Optional<String> log = config.string("log");
                        long delay = config.value("delayMillis").map(v -> ((Number) v).longValue()).orElse(0L);
                        Reports reports = new Reports() {
                            public List<ReportDefinition> definitions() {
                                return List.of(new ReportDefinition("rows", "Rows", "Five rows.", "{\\"type\\":\\"object\\"}",
                                    List.of(Column.of("n", ColumnType.INTEGER), Column.of("at", ColumnType.TIMESTAMP))));
                            }
                            public CompletionStage<Page<Row>> run(String id, Map<String, Object> p, Optional<String> token) {
                                try {
                                    if (log.isPresent()) {
                                        Files.writeString(Path.of(log.get()), "rows " + token.orElse("-") + "\\n",
                                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                                    }
                                    Thread.sleep(delay);
                                    if (token.equals(Optional.of("2")) && failOnce.isPresent()
                                            && !Files.exists(Path.of(failOnce.get()))) {
                                        Files.createFile(Path.of(failOnce.get()));
                                        return CompletableFuture.failedFuture(new ConnectorException(ErrorKind.PERMISSION,
                                            "page 2 is not for you"));
                                    }
                                } catch (Exception e) {
                                    return CompletableFuture.failedFuture(e);
                                }
                                context.progress().status("reading page " + token.orElse("0"));
                                int from = token.map(Integer::parseInt).orElse(0);
                                List<Row> rows = new ArrayList<>();
                                for (int n = from; n < Math.min(5, from + 2); n++) {
                                    Map<String, Object> v = new LinkedHashMap<>();
                                    v.put("n", n + 1);
                                    v.put("at", java.time.Instant.parse("2026-11-23T10:00:00Z").plusSeconds(60L * n));
                                    rows.add(new Row(v));
                                }
                                int next = from + 2;
                                return CompletableFuture.completedFuture(next < 5 ? Page.of(rows, String.valueOf(next))
                                    : Page.last(rows));
                            }
                        };
                        return new Connector() {
                            public CompletionStage<CheckResult> check() {
                                return CompletableFuture.completedFuture(new CheckResult(List.of()));
                            }
                            public Optional<Reports> reports() {
                                return Optional.of(reports);
                            }
                            public void close() {
                            }
                        };
                    }
                }
                """;
    }
}
