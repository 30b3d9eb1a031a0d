package dev.plugboard.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Tabular reports: the connector's data as rows for a BI tool or a spreadsheet. */
public interface Reports {

    /** @return every report this connector offers; constant for the connector's life */
    List<ReportDefinition> definitions();

    /**
     * Runs a report, one page at a time.
     *
     * @param reportId   an id from {@link #definitions()}
     * @param parameters the parameters, already validated by the host against the report's parameter schema, as
     *                   JSON-shaped JDK values
     * @param pageToken  empty for the first page, else a token from the previous page
     * @return a page of rows, each with exactly the report's columns
     */
    CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters, Optional<String> pageToken);

    /**
     * Runs an incremental report from a lower bound, one page at a time. The host calls it only for reports whose
     * definition declares {@link ReportDefinition#incremental()}, with the same {@code from} on every page of a
     * run; the plugin maps it to the API (e.g. a {@code start} query parameter) so that rows before it are not
     * fetched at all.
     *
     * <p>The answer must hold every row whose cursor column is at or after {@code from} (within what the
     * parameters select). It may hold earlier rows too, e.g. a whole time bucket that {@code from} falls in: the
     * host merges rows by primary key, so nothing is duplicated. The default ignores {@code from} and runs the
     * whole report, which is correct, only slower.
     *
     * @param reportId   an id from {@link #definitions()} of an incremental report
     * @param parameters the parameters, validated by the host
     * @param from       the lower bound: rows with a cursor at or after it are wanted
     * @param pageToken  empty for the first page, else a token from the previous page
     * @return a page of rows, each with exactly the report's columns
     * @since SPI 1.1
     */
    default CompletionStage<Page<Row>> runIncremental(String reportId, Map<String, Object> parameters, Instant from,
                                                      Optional<String> pageToken) {
        return run(reportId, parameters, pageToken);
    }
}
