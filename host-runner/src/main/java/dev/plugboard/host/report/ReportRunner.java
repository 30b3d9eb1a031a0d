package dev.plugboard.host.report;

import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.runtime.Futures;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Runs a plugin's report page by page and streams its rows to a {@link TableWriter}, checking each row against
 * the report's declared columns (a mismatch is an {@code INTERNAL} error naming report, row, column, expected and
 * actual type) and guarding against page tokens that repeat. Retryable failures are retried by the
 * {@link Retrier}.
 */
public final class ReportRunner {
    private final String pluginId;
    private final Reports reports;
    private final Retrier retrier;
    private final BooleanSupplier cancelled;

    /**
     * @param pluginId the plugin id, for messages
     * @param reports  the connector's reports capability
     * @param retrier  retries retryable failures
     */
    public ReportRunner(String pluginId, Reports reports, Retrier retrier) {
        this(pluginId, reports, retrier, () -> false);
    }

    /**
     * @param pluginId  the plugin id, for messages
     * @param reports   the connector's reports capability
     * @param retrier   retries retryable failures
     * @param cancelled whether the run should stop; checked between pages
     */
    public ReportRunner(String pluginId, Reports reports, Retrier retrier, BooleanSupplier cancelled) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.cancelled = Objects.requireNonNull(cancelled, "cancelled");
    }

    /** Receives a report's rows one page at a time, after they were checked against the declared columns. */
    @FunctionalInterface
    public interface PageSink {
        /**
         * @param rows      the page's rows, values in column order
         * @param nextToken the token of the next page, empty after the last page
         * @throws IOException when storing the rows fails
         */
        void page(List<List<Object>> rows, Optional<String> nextToken) throws IOException;
    }

    /**
     * @param id a report id
     * @return its definition
     * @throws IllegalArgumentException naming the plugin's report ids when there is no such report
     */
    public ReportDefinition definition(String id) {
        List<ReportDefinition> all = reports.definitions();
        return all.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("plugin '" + pluginId + "' has no report '" + id + "'; its reports: "
                        + String.join(", ", all.stream().map(ReportDefinition::id).toList())));
    }

    /**
     * Runs the report to the end.
     *
     * @param report     the report
     * @param parameters validated parameters
     * @param out        where rows go (the caller writes the header when opening it and closes it)
     * @return how many rows were written
     * @throws ConnectorException when the plugin fails for good, answers a row that breaks the declared columns or
     *                            repeats a page token; {@code CANCELLED} when interrupted
     * @throws IOException        when writing fails
     */
    public long run(ReportDefinition report, Map<String, Object> parameters, TableWriter out) throws IOException {
        return run(report, parameters, Optional.empty(), Optional.empty(), 0, (rows, next) -> {
            for (List<Object> row : rows) {
                out.row(row);
            }
        });
    }

    /**
     * Runs the report page by page from a page token, handing each checked page to {@code sink} before asking for
     * the next, so the sink can save where the run stands.
     *
     * @param report     the report
     * @param parameters validated parameters
     * @param from       for an incremental report, the lower bound to pass the plugin ({@link Reports#runIncremental})
     * @param startToken the page to start at (a resumed run), or empty for the first page
     * @param rowsBefore rows read before {@code startToken}, so messages number rows across a resumed run
     * @param sink       receives every page
     * @return rows read in all, {@code rowsBefore} included
     * @throws ConnectorException as {@link #run(ReportDefinition, Map, TableWriter)}; {@code CANCELLED} when the
     *                            cancellation was asked between pages
     * @throws IOException        when the sink fails
     */
    public long run(ReportDefinition report, Map<String, Object> parameters, Optional<Instant> from,
                    Optional<String> startToken, long rowsBefore, PageSink sink) throws IOException {
        Set<String> seenTokens = new HashSet<>();
        Optional<String> token = startToken;
        long rowNumber = rowsBefore;
        List<Column> columns = report.columns();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new ConnectorException(ErrorKind.CANCELLED, "report '" + report.id() + "' was interrupted");
            }
            Page<Row> page = await(report, parameters, from, token);
            List<List<Object>> rows = new ArrayList<>(page.items().size());
            for (Row row : page.items()) {
                rowNumber++;
                rows.add(check(report, columns, row, rowNumber));
            }
            if (page.nextToken().isPresent() && !seenTokens.add(page.nextToken().get())) {
                throw new ConnectorException(ErrorKind.INTERNAL, "plugin '" + pluginId + "' answered a page token of"
                        + " report '" + report.id() + "' that it had answered before, after row " + rowNumber
                        + ": the report would never end (a bug in the plugin)");
            }
            sink.page(rows, page.nextToken());
            if (page.nextToken().isEmpty()) {
                return rowNumber;
            }
            token = page.nextToken();
        }
    }

    private Page<Row> await(ReportDefinition report, Map<String, Object> parameters, Optional<Instant> from,
                            Optional<String> token) {
        Optional<String> t = token;
        try {
            Page<Row> page = retrier.call("report " + report.id(), () -> from.isPresent()
                            ? reports.runIncremental(report.id(), parameters, from.get(), t)
                            : reports.run(report.id(), parameters, t))
                    .toCompletableFuture().get();
            if (page == null) {
                throw new ConnectorException(ErrorKind.INTERNAL, "plugin '" + pluginId + "' answered no page for report '"
                        + report.id() + "'");
            }
            return page;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorKind.CANCELLED, "report '" + report.id() + "' was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof ConnectorException ce) {
                throw new ConnectorException(ce.kind(), "plugin '" + pluginId + "' failed running report '"
                        + report.id() + "': " + ce.getMessage(), ce.retryAfter(), ce);
            }
            throw new ConnectorException(ErrorKind.INTERNAL, "plugin '" + pluginId + "' failed running report '"
                    + report.id() + "' with an unexpected " + cause, cause);
        }
    }

    /**
     * @return the row's values in column order
     * @throws ConnectorException of kind INTERNAL when the row does not have exactly the declared columns and types
     */
    private List<Object> check(ReportDefinition report, List<Column> columns, Row row, long rowNumber) {
        List<RowCheck.Problem> problems = RowCheck.problems(columns, row);
        if (!problems.isEmpty()) {
            throw new ConnectorException(ErrorKind.INTERNAL, "plugin '" + pluginId + "' report '" + report.id()
                    + "' row " + rowNumber + describe(problems) + " (a bug in the plugin)");
        }
        List<Object> cells = new ArrayList<>(columns.size());
        columns.forEach(c -> cells.add(row.values().get(c.name())));
        return cells;
    }

    /** @return the first problem, or both column-set problems, as the runner has always said them */
    private static String describe(List<RowCheck.Problem> problems) {
        String missing = "";
        String undeclared = "";
        for (RowCheck.Problem problem : problems) {
            if (problem instanceof RowCheck.MissingColumns m) {
                missing = "; missing: " + String.join(", ", m.names());
            } else if (problem instanceof RowCheck.UndeclaredColumns u) {
                undeclared = "; undeclared: " + String.join(", ", u.names().stream().sorted().toList());
            }
        }
        if (!missing.isEmpty() || !undeclared.isEmpty()) {
            return " does not have the declared columns" + missing + undeclared;
        }
        RowCheck.Problem first = problems.get(0);
        if (first instanceof RowCheck.WrongType w) {
            return " column '" + w.column().name() + "': expected " + w.column().type() + ", got "
                    + w.value().getClass().getSimpleName();
        }
        RowCheck.NotJson n = (RowCheck.NotJson) first;
        return " column '" + n.column().name() + "': expected JSON text, got text that is not JSON";
    }
}
