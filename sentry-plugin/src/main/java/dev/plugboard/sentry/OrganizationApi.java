package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Async;
import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.sentry.http.SentryClient;
import dev.plugboard.sentry.http.SentryErrors;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.sentry.identity.OrgDetail;
import dev.plugboard.sentry.identity.SentryOrganization;
import dev.plugboard.spi.ConnectorException;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The connector's one {@link SentryApi}, over the shared {@link SentryClient}: the configured organization's
 * requests go to its region host (from the memoized organization detail), other organizations' and
 * {@code /organizations/} to the configured base URL, which routes them. Answers are handed over off the event loop.
 * Sentry's refusals are read by the same {@link SentryErrors} as the identity sync's.
 */
final class OrganizationApi implements SentryApi {
    private final SentryClient client;
    private final SentryOrganization org;
    private final SentryErrors errors;
    private final URI baseUrl;
    private final Async async;

    OrganizationApi(SentryClient client, SentryOrganization org, SentryErrors errors, URI baseUrl, Async async) {
        this.client = client;
        this.org = org;
        this.errors = errors;
        this.baseUrl = baseUrl;
        this.async = async;
    }

    @Override
    public String organization() {
        return org.slug();
    }

    @Override
    public CompletionStage<SentryResponse> get(SentryRequest request, Optional<String> cursor) {
        return async.run(() -> host(request).thenCompose(host -> client.get(host, request, cursor)));
    }

    @Override
    public CompletionStage<SentryResponse> exchange(SentryRequest request, Optional<String> cursor) {
        return async.run(() -> host(request).thenCompose(host -> client.exchange(host, request, cursor)));
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

    private CompletionStage<URI> host(SentryRequest request) {
        if (request.organization().filter(org.slug()::equals).isPresent()) {
            return org.detailFirst().thenApply(OrgDetail::apiHost);
        }
        return CompletableFuture.completedFuture(baseUrl);
    }
}
