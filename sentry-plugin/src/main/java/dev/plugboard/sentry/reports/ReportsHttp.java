package dev.plugboard.sentry.reports;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the reports need from the connector's HTTP layer: one paced, retried, counted GET per call, failing with a
 * {@link dev.plugboard.spi.ConnectorException} a person can act on. The connector's shared Sentry client
 * implements it; stages complete off the HTTP event loop.
 */
public interface ReportsHttp {

    /** @return the configured organization slug (the default of the {@code organization} parameter) */
    String organization();

    /**
     * @param call   what to ask
     * @param cursor Sentry's page cursor, empty for the first page
     * @return the answer
     */
    CompletionStage<ApiPage> get(ApiCall call, Optional<String> cursor);
}
