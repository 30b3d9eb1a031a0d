package dev.plugboard.sentry;

import dev.plugboard.sentry.provisioning.HttpCall;
import dev.plugboard.sentry.provisioning.HttpReply;
import dev.plugboard.sentry.provisioning.SentryHttp;
import dev.plugboard.sentry.provisioning.TokenKind;
import dev.plugboard.spi.ConnectorException;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Gives provisioning ({@code dev.plugboard.sentry.provisioning}) the shared {@link SentryClient}: every call goes to
 * the organization's region host (from the memoized organization detail) through
 * {@link SentryClient#exchange}; answers are handed over off the event loop. Sentry's refusals are read by the same
 * {@link SentryErrors} as the identity sync's (redacted, 401s told apart). Only the token's kind crosses over, never
 * the token.
 */
final class ProvisioningBridge implements SentryHttp {
    private final SentryClient client;
    private final SentryOrganization org;
    private final TokenKind tokenKind;
    private final SentryErrors errors;
    private final URI baseUrl;
    private final Async async;

    ProvisioningBridge(SentryClient client, SentryOrganization org, String token, SentryErrors errors, URI baseUrl,
                       Async async) {
        this.client = client;
        this.org = org;
        this.tokenKind = TokenKind.of(token);
        this.errors = errors;
        this.baseUrl = baseUrl;
        this.async = async;
    }

    @Override
    public String detail(String body) {
        return errors.detail(body);
    }

    @Override
    public ConnectorException unauthenticated(String body, String asked) {
        // Requests go to the organization's region host once its detail is known, which it is by any 401 here.
        OrgDetail d = org.detail().toCompletableFuture().getNow(null);
        URI host = d != null ? d.apiHost() : baseUrl;
        return errors.unauthenticated(body, asked, host.getHost());
    }

    @Override
    public String organization() {
        return org.slug();
    }

    @Override
    public TokenKind tokenKind() {
        return tokenKind;
    }

    @Override
    public CompletionStage<List<String>> orgRoles() {
        return async.run(() -> org.detail().thenApply(d -> d.roles().stream().map(OrgDetail.OrgRole::id).toList()));
    }

    @Override
    public CompletionStage<HttpReply> send(HttpCall call) {
        return async.run(() -> org.detail().thenCompose(d -> client.exchange(call.method(), d.apiHost(), call.path(),
                        call.jsonBody(), call.operation()))
                .thenApply(r -> new HttpReply(r.status(), r.body(), r.nextCursor())));
    }
}
