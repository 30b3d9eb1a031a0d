package dev.plugboard.sentry;

import dev.plugboard.sentry.provisioning.HttpCall;
import dev.plugboard.sentry.provisioning.HttpReply;
import dev.plugboard.sentry.provisioning.SentryHttp;
import dev.plugboard.sentry.provisioning.TokenKind;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Gives provisioning ({@code dev.plugboard.sentry.provisioning}) the shared {@link SentryClient}: every call goes to
 * the organization's region host (from the memoized organization detail) through
 * {@link SentryClient#exchange}; answers are handed over off the event loop. Only the token's kind crosses over,
 * never the token.
 */
final class ProvisioningBridge implements SentryHttp {
    private final SentryClient client;
    private final SentryOrganization org;
    private final TokenKind tokenKind;
    private final Async async;

    ProvisioningBridge(SentryClient client, SentryOrganization org, String token, Async async) {
        this.client = client;
        this.org = org;
        this.tokenKind = TokenKind.of(token);
        this.async = async;
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
