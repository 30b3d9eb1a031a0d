package dev.plugboard.spi;

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
}
