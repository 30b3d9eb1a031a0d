package dev.plugboard.sentry.http;

import dev.plugboard.spi.ConnectorException;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the reports and provisioning need from the connector's HTTP layer: requests routed to the right region host,
 * paced, retried where safe, counted, and failing with a {@link ConnectorException} a person can act on. Stages
 * complete off the HTTP event loop. The connector implements it once over its {@link SentryClient}.
 */
public interface SentryApi {

    /** @return the configured organization slug */
    String organization();

    /**
     * A GET whose answer must be 2xx JSON.
     *
     * @param request what to ask
     * @param cursor  Sentry's page cursor, empty for the first page
     * @return the answer (its {@link SentryResponse#json()} is the body); a 4xx fails the stage, mapped by
     *     {@link SentryErrors}
     */
    CompletionStage<SentryResponse> get(SentryRequest request, Optional<String> cursor);

    /**
     * A request of any method whose 2xx and 4xx answers come back as they are, for the caller to interpret. 5xx,
     * transport failures, redirects and rate limits that outlast the waits fail the stage; a POST is never retried
     * after it may have reached Sentry.
     *
     * @param request what to send
     * @param cursor  Sentry's page cursor, empty for the first page
     * @return the answer
     */
    CompletionStage<SentryResponse> exchange(SentryRequest request, Optional<String> cursor);

    /**
     * @param body an error answer's body
     * @return Sentry's explanation ({@code detail}, serializer errors as {@code field: message}, a bare JSON string,
     *     or the start of a non-JSON body), never the token, at most 300 characters; "" when there is none
     */
    String detail(String body);

    /**
     * @param body  the body of a 401 answer
     * @param asked what was asked, e.g. {@code POST /api/0/organizations/acme/members/}
     * @return the failure (AUTHENTICATION) telling an expired token, one of another organization, a token Sentry
     *     does not know and missing credentials apart; never the token
     */
    ConnectorException unauthenticated(String body, String asked);
}
