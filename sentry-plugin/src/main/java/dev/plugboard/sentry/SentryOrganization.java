package dev.plugboard.sentry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.ErrorKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The organization's identity endpoints. The organization detail is fetched once (the first request of a
 * connector) and memoized: it gives the organization resource, the roles and the region host every later call
 * uses. A failed fetch is forgotten so the next call tries again.
 */
final class SentryOrganization {
    /** Sentry's largest page. */
    static final int PAGE_SIZE = 100;

    private final SentryClient client;
    private final SentryConfig config;
    private final ConnectorLogger logger;
    private final AtomicReference<CompletableFuture<OrgDetail>> detail = new AtomicReference<>();

    SentryOrganization(SentryClient client, SentryConfig config, ConnectorLogger logger) {
        this.client = client;
        this.config = config;
        this.logger = logger;
    }

    /** @return the organization slug from the configuration */
    String slug() {
        return config.organization();
    }

    /** @return the organization detail, fetched at most once while it succeeds */
    CompletionStage<OrgDetail> detail() {
        while (true) {
            CompletableFuture<OrgDetail> existing = detail.get();
            if (existing != null) {
                return existing;
            }
            CompletableFuture<OrgDetail> mine = new CompletableFuture<>();
            if (detail.compareAndSet(null, mine)) {
                Map<String, String> q = new LinkedHashMap<>();
                q.put("detailed", "0");
                SentryRequest req = new SentryRequest(SentryEndpoint.ORGANIZATION, config.baseUrl(),
                        "/organizations/" + SentryRequest.segment(slug()) + "/", q, "organization '" + slug() + "'");
                client.get(req, Optional.empty()).thenApply(r -> parseDetail(r.body())).whenComplete((d, e) -> {
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
        return list(SentryEndpoint.MEMBERS, "/organizations/" + SentryRequest.segment(slug()) + "/members/",
                "members of organization '" + slug() + "'", cursor, perPage);
    }

    /** @return one page of teams */
    CompletionStage<SentryResponse> teams(Optional<String> cursor, int perPage) {
        return list(SentryEndpoint.TEAMS, "/organizations/" + SentryRequest.segment(slug()) + "/teams/",
                "teams of organization '" + slug() + "'", cursor, perPage);
    }

    /** @return one page of projects, each with its {@code teams[]} */
    CompletionStage<SentryResponse> projects(Optional<String> cursor, int perPage) {
        return list(SentryEndpoint.PROJECTS, "/organizations/" + SentryRequest.segment(slug()) + "/projects/",
                "projects of organization '" + slug() + "'", cursor, perPage);
    }

    /** @return one page of a team's members, each with {@code teamRole} */
    CompletionStage<SentryResponse> teamMembers(String team, Optional<String> cursor, int perPage) {
        return list(SentryEndpoint.TEAM_MEMBERS, "/teams/" + SentryRequest.segment(slug()) + "/"
                + SentryRequest.segment(team) + "/members/", "team '" + team + "' of organization '" + slug() + "'",
                cursor, perPage);
    }

    private CompletionStage<SentryResponse> list(SentryEndpoint endpoint, String path, String subject,
                                                 Optional<String> cursor, int perPage) {
        return detail().thenCompose(d -> {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("per_page", Integer.toString(perPage));
            return client.get(new SentryRequest(endpoint, d.apiHost(), path, q, subject), cursor);
        });
    }

    private OrgDetail parseDetail(JsonNode body) {
        if (!body.isObject()) {
            throw new SentryException(ErrorKind.INTERNAL, "remote.unexpected-response", "Sentry answered the"
                    + " organization detail of '" + slug() + "' with something other than a JSON object");
        }
        Optional<String> regionUrl = Json.text(body.path("links"), "regionUrl");
        RegionResolver.Resolution res = RegionResolver.resolve(config.baseUrl(), regionUrl);
        res.warning().ifPresent(logger::warn);
        List<OrgDetail.OrgRole> roles = new ArrayList<>();
        JsonNode list = body.path("orgRoleList");
        if (list.isArray()) {
            for (JsonNode r : list) {
                String id = Json.required(r, "id", "an organization role");
                List<String> scopes = new ArrayList<>();
                r.path("scopes").forEach(s -> scopes.add(s.asText()));
                roles.add(new OrgDetail.OrgRole(id, Json.text(r, "name").orElse(id), Json.text(r, "desc").orElse(""),
                        Json.flag(r, "isRetired"), scopes));
            }
        } else {
            logger.warn("Sentry's organization detail has no orgRoleList; assuming Sentry's standard roles"
                    + " member, admin, manager and owner");
            for (String id : List.of("member", "admin", "manager", "owner")) {
                roles.add(new OrgDetail.OrgRole(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), "",
                        false, List.of()));
            }
        }
        return new OrgDetail(Json.required(body, "id", "the organization"),
                Json.text(body, "slug").orElse(slug()), Json.text(body, "name").orElse(slug()),
                Json.instant(body, "dateCreated"), Json.flag(body, "require2FA"), regionUrl, res.apiHost(), roles);
    }
}
