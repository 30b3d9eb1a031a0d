package dev.plugboard.sentry;

import dev.plugboard.sentry.reports.ApiCall;
import dev.plugboard.sentry.reports.ApiEndpoint;
import dev.plugboard.sentry.reports.ApiPage;
import dev.plugboard.sentry.reports.ReportsHttp;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Gives the reports ({@code dev.plugboard.sentry.reports}) the shared {@link SentryClient}: the configured
 * organization's calls go to its region host (from the memoized organization detail), other organizations' and
 * {@code /organizations/} to the configured base URL, which routes them. Answers are handed over off the event loop.
 */
final class ReportsBridge implements ReportsHttp {
    private final SentryClient client;
    private final SentryOrganization org;
    private final URI baseUrl;
    private final Async async;

    ReportsBridge(SentryClient client, SentryOrganization org, URI baseUrl, Async async) {
        this.client = client;
        this.org = org;
        this.baseUrl = baseUrl;
        this.async = async;
    }

    @Override
    public String organization() {
        return org.slug();
    }

    @Override
    public CompletionStage<ApiPage> get(ApiCall call, Optional<String> cursor) {
        return async.run(() -> host(call).thenCompose(host -> client.get(new SentryRequest(endpoint(call.endpoint()),
                        host, call.pathAndQuery(), Map.of(), call.subject()), cursor))
                .thenApply(r -> new ApiPage(r.body(), r.nextCursor())));
    }

    private CompletionStage<URI> host(ApiCall call) {
        if (call.organization().isPresent() && call.organization().get().equals(org.slug())) {
            return org.detail().thenApply(OrgDetail::apiHost);
        }
        return CompletableFuture.completedFuture(baseUrl);
    }

    private static SentryEndpoint endpoint(ApiEndpoint e) {
        return switch (e) {
            case ORGANIZATIONS -> SentryEndpoint.ORGANIZATIONS;
            case TEAMS -> SentryEndpoint.TEAMS;
            case PROJECTS -> SentryEndpoint.PROJECTS;
            case REPOSITORIES -> SentryEndpoint.REPOSITORIES;
            case TEAM_PROJECTS -> SentryEndpoint.TEAM_PROJECTS;
            case PROJECT_USERS -> SentryEndpoint.PROJECT_USERS;
            case PROJECT_FEEDBACK -> SentryEndpoint.PROJECT_FEEDBACK;
            case PROJECT_EVENTS -> SentryEndpoint.PROJECT_EVENTS;
            case ISSUES -> SentryEndpoint.ISSUES;
            case ISSUE_EVENTS -> SentryEndpoint.ISSUE_EVENTS;
            case STATS -> SentryEndpoint.STATS;
        };
    }
}
