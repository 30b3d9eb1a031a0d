package dev.plugboard.sentry.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.RegionResolver;
import dev.plugboard.sentry.http.SentryClient;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.ErrorKind;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The organization's identity endpoints. The organization detail is fetched once (the first request of a
 * connector) and memoized: it gives the organization resource, the roles and the region host every later call
 * uses. A failed fetch is forgotten so the next call tries again.
 */
public final class SentryOrganization {
    private final SentryClient client;
    private final String slug;
    private final URI baseUrl;
    private final ConnectorLogger logger;
    private final AtomicReference<CompletableFuture<OrgDetail>> detail = new AtomicReference<>();

    /**
     * @param client  the HTTP client
     * @param slug    the configured organization slug
     * @param baseUrl the configured base URL, where the organization detail is read
     * @param logger  for a refused region URL and a missing role list
     */
    public SentryOrganization(SentryClient client, String slug, URI baseUrl, ConnectorLogger logger) {
        this.client = client;
        this.slug = slug;
        this.baseUrl = baseUrl;
        this.logger = logger;
    }

    /** @return the organization slug from the configuration */
    public String slug() {
        return slug;
    }

    /** @return the organization detail, fetched at most once while it succeeds */
    public CompletionStage<OrgDetail> detail() {
        while (true) {
            CompletableFuture<OrgDetail> existing = detail.get();
            if (existing != null) {
                return existing;
            }
            CompletableFuture<OrgDetail> mine = new CompletableFuture<>();
            if (detail.compareAndSet(null, mine)) {
                SentryRequest req = SentryRequest.of(Endpoint.ORGANIZATION, slug()).with("detailed", "0")
                        .about("organization '" + slug() + "'");
                client.get(baseUrl, req, Optional.empty()).thenApply(r -> parseDetail(r.json()))
                        .whenComplete((d, e) -> {
                    if (e != null) {
                        detail.compareAndSet(mine, null);
                        mine.completeExceptionally(SentryClient.unwrap(e));
                    } else {
                        mine.complete(d);
                    }
                });
                return mine;
            }
        }
    }

    /** @return one page of members */
    CompletionStage<SentryResponse> members(Optional<String> cursor, int perPage) {
        return list(SentryRequest.of(Endpoint.MEMBERS, slug()), "members of organization '" + slug() + "'", cursor,
                perPage);
    }

    /** @return one page of teams */
    CompletionStage<SentryResponse> teams(Optional<String> cursor, int perPage) {
        return list(SentryRequest.of(Endpoint.TEAMS, slug()), "teams of organization '" + slug() + "'", cursor,
                perPage);
    }

    /** @return one page of projects, each with its {@code teams[]} */
    CompletionStage<SentryResponse> projects(Optional<String> cursor, int perPage) {
        return list(SentryRequest.of(Endpoint.PROJECTS, slug()), "projects of organization '" + slug() + "'",
                cursor, perPage);
    }

    /** @return one page of a team's members, each with {@code teamRole} */
    CompletionStage<SentryResponse> teamMembers(String team, Optional<String> cursor, int perPage) {
        return list(SentryRequest.of(Endpoint.TEAM_MEMBERS, slug(), team), "team '" + team + "' of organization '"
                + slug() + "'", cursor, perPage);
    }

    /**
     * @return the organization detail, as {@link #detail()}; a failure says that it was the organization detail
     *     (read once, before any other request) that could not be read, whatever the caller was about to do
     */
    public CompletionStage<OrgDetail> detailFirst() {
        return detail().handle((d, e) -> {
            if (e == null) {
                return d;
            }
            Throwable cause = SentryClient.unwrap(e);
            if (!(cause instanceof ConnectorException ce) || ce.kind() == ErrorKind.CANCELLED) {
                throw cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
            }
            String message = "reading the organization detail (once, before anything else) failed: "
                    + ce.getMessage();
            throw ce instanceof SentryException se
                    ? new SentryException(se.kind(), se.code(), message, se.retryAfter(), se)
                    : new ConnectorException(ce.kind(), message, ce.retryAfter(), ce);
        });
    }

    private CompletionStage<SentryResponse> list(SentryRequest request, String subject, Optional<String> cursor,
                                                 int perPage) {
        return detailFirst().thenCompose(d -> client.get(d.apiHost(), request.with("per_page", Integer.toString(perPage))
                .about(subject), cursor));
    }

    private OrgDetail parseDetail(JsonNode body) {
        if (!body.isObject()) {
            throw new SentryException(ErrorKind.UNAVAILABLE, "remote.unexpected-response", "Sentry answered the"
                    + " organization detail of '" + slug() + "' with something other than a JSON object");
        }
        Optional<String> regionUrl = Json.text(body.path("links"), "regionUrl");
        RegionResolver.Resolution res = RegionResolver.resolve(baseUrl, regionUrl);
        res.warning().ifPresent(logger::warn);
        List<OrgDetail.OrgRole> roles = new ArrayList<>();
        JsonNode list = body.path("orgRoleList");
        if (list.isArray()) {
            for (JsonNode r : list) {
                String id = Json.required(r, "id", "an organization role");
                List<String> scopes = new ArrayList<>();
                r.path("scopes").forEach(s -> scopes.add(s.asText()));
                roles.add(new OrgDetail.OrgRole(id, Json.text(r, "name").orElse(id), Json.text(r, "desc").orElse(""),
                        Json.flag(r, "isRetired"), scopes, Json.text(r, "minimumTeamRole")));
            }
        } else {
            logger.warn("Sentry's organization detail has no orgRoleList; assuming Sentry's standard roles"
                    + " member, admin, manager and owner, with no team role given by the org role (so team admins"
                    + " through their org role are not shown)");
            for (String id : List.of("member", "admin", "manager", "owner")) {
                roles.add(new OrgDetail.OrgRole(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), "",
                        false, List.of(), Optional.empty()));
            }
        }
        return new OrgDetail(Json.required(body, "id", "the organization"),
                Json.text(body, "slug").orElse(slug()), Json.text(body, "name").orElse(slug()),
                Json.instant(body, "dateCreated"), Json.flag(body, "require2FA"), regionUrl, res.apiHost(), roles);
    }
}
