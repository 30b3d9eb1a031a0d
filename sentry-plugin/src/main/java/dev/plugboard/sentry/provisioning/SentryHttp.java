package dev.plugboard.sentry.provisioning;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What provisioning needs from the connector's HTTP layer: the configured organization, the kind of token (never
 * the token), the organization's role ids, and one paced, counted request of any method whose answer (4xx
 * included) comes back raw for provisioning to interpret. The connector's shared Sentry client implements it;
 * stages complete off the HTTP event loop. 5xx, transport failures, redirects and rate limits that outlast the
 * waits fail the stage with a {@link dev.plugboard.spi.ConnectorException}.
 */
public interface SentryHttp {

    /** @return the configured organization slug */
    String organization();

    /** @return the kind of the configured auth token, from its prefix */
    TokenKind tokenKind();

    /** @return the ids of the organization's roles ({@code orgRoleList}), in Sentry's order */
    CompletionStage<List<String>> orgRoles();

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
    dev.plugboard.spi.ConnectorException unauthenticated(String body, String asked);

    /**
     * @param call what to send
     * @return Sentry's answer
     */
    CompletionStage<HttpReply> send(HttpCall call);
}
