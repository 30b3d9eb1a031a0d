package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The Sentry requests of one provisioning operation: builds them, records each one sent (for
 * {@link dev.plugboard.spi.ProvisioningResult#requests()}), reads the state provisioning decides by, and turns
 * Sentry's refusals into {@link ConnectorException}s that say what to fix. One instance per operation.
 */
final class Remote {
    private final SentryApi http;
    private final TokenKind tokenKind;
    private final Supplier<CompletionStage<List<String>>> orgRoles;
    private final ObjectMapper json;
    private final String org;
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    Remote(SentryApi http, TokenKind tokenKind, Supplier<CompletionStage<List<String>>> orgRoles, ObjectMapper json) {
        this.http = http;
        this.tokenKind = tokenKind;
        this.orgRoles = orgRoles;
        this.json = json;
        this.org = http.organization();
    }

    /** @return the kind of the configured auth token */
    TokenKind tokenKind() {
        return tokenKind;
    }

    /** @return the ids of the organization's roles, in Sentry's order */
    CompletionStage<List<String>> orgRoles() {
        return orgRoles.get();
    }

    /** @return the requests sent so far, in order, as {@code METHOD /api/0/path} */
    List<String> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    /** @return the number of requests sent so far */
    int count() {
        return sent.size();
    }

    /** @return the organization slug */
    String org() {
        return org;
    }

    // ---- requests ----

    SentryRequest memberTeam(Endpoint endpoint, String memberId, String team) {
        return SentryRequest.of(endpoint, org, memberId, team);
    }

    SentryRequest setTeamRole(String memberId, String team, String role) {
        return memberTeam(Endpoint.SET_TEAM_ROLE, memberId, team).withBody(body(Map.of("teamRole", role)));
    }

    /**
     * The org-role PUT with the member's current team roles: Sentry's update runs the team assignment even when the
     * body has no {@code teamRoles}, and then assigns no team, so the member would leave every team.
     */
    SentryRequest setOrgRole(MemberState member, String role) {
        List<Map<String, Object>> teamRoles = new ArrayList<>();
        member.storedTeamRoles().forEach((slug, stored) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("teamSlug", slug);
            entry.put("role", stored.orElse(null));
            teamRoles.add(entry);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orgRole", role);
        body.put("teamRoles", teamRoles);
        return SentryRequest.of(Endpoint.SET_ORG_ROLE, org, member.id()).withBody(body(body));
    }

    SentryRequest removeMember(String memberId) {
        return SentryRequest.of(Endpoint.REMOVE_MEMBER, org, memberId);
    }

    SentryRequest invite(Map<String, Object> body) {
        return SentryRequest.of(Endpoint.INVITE, org).withBody(body(body));
    }

    SentryRequest projectTeam(Endpoint endpoint, String projectId, String team) {
        return SentryRequest.of(endpoint, org, projectId, team);
    }

    /** Sends and records a request. */
    CompletionStage<SentryResponse> send(SentryRequest call) {
        return send(call, Optional.empty());
    }

    private CompletionStage<SentryResponse> send(SentryRequest call, Optional<String> cursor) {
        sent.add(call.describe());
        return http.exchange(call, cursor);
    }

    // ---- reads ----

    /** @return the member, or NOT_FOUND naming it */
    CompletionStage<MemberState> member(String memberId) {
        SentryRequest call = SentryRequest.of(Endpoint.MEMBER, org, memberId);
        return send(call).thenApply(r -> {
            if (r.status() == 404) {
                throw noMember(memberId);
            }
            JsonNode m = expect(call, r, 200);
            return memberState(m, memberId);
        });
    }

    MemberState memberState(JsonNode m, String memberId) {
        // team roles as Sentry stores them: null means the org role's minimum
        Map<String, Optional<String>> teams = new LinkedHashMap<>();
        for (JsonNode slug : m.path("teams")) {
            if (slug.isTextual()) {
                teams.put(slug.asText(), Optional.empty());
            }
        }
        for (JsonNode tr : m.path("teamRoles")) {
            String slug = tr.path("teamSlug").asText("");
            if (!slug.isEmpty()) {
                teams.put(slug, tr.path("role").isTextual() ? Optional.of(tr.path("role").asText()) : Optional.empty());
            }
        }
        Map<String, String> minimum = new HashMap<>();
        for (JsonNode r : m.path("orgRoleList")) {
            if (r.path("id").isTextual() && r.path("minimumTeamRole").isTextual()) {
                minimum.put(r.path("id").asText(), r.path("minimumTeamRole").asText());
            }
        }
        Map<String, String> groupOrgRoles = new LinkedHashMap<>();
        for (JsonNode g : m.path("groupOrgRoles")) {
            String slug = g.path("teamSlug").asText("");
            String role = g.path("role").path("id").asText("");
            if (!slug.isEmpty() && !role.isEmpty()) {
                groupOrgRoles.put(slug, role);
                if (g.path("role").path("minimumTeamRole").isTextual()) {
                    minimum.putIfAbsent(role, g.path("role").path("minimumTeamRole").asText());
                }
            }
        }
        String role = m.path("orgRole").isTextual() ? m.path("orgRole").asText() : m.path("role").asText("");
        if (role.isEmpty()) {
            throw unexpected("the detail of member " + memberId + " has no orgRole");
        }
        return new MemberState(m.path("id").asText(memberId), m.path("email").asText(""), role, teams, minimum,
                groupOrgRoles);
    }

    /** @return the team whose id or slug is given, looked up in the teams listing page by page; else NOT_FOUND */
    CompletionStage<TeamInfo> team(String idOrSlug) {
        return teams(List.of(idOrSlug)).thenApply(list -> list.get(0));
    }

    /** @return the teams whose ids or slugs are given, in that order; NOT_FOUND naming the first unknown one */
    CompletionStage<List<TeamInfo>> teams(List<String> idsOrSlugs) {
        Map<String, TeamInfo> found = new HashMap<>();
        return teamsPage(Optional.empty(), idsOrSlugs, found).thenApply(v -> {
            List<TeamInfo> out = new ArrayList<>();
            for (String key : idsOrSlugs) {
                TeamInfo t = found.get(key);
                if (t == null) {
                    throw new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + org + "' has no "
                            + TeamInfo.describe(key) + ": use a team id as a sync lists it");
                }
                out.add(t);
            }
            return out;
        });
    }

    private CompletionStage<Void> teamsPage(Optional<String> cursor, List<String> wanted, Map<String, TeamInfo> found) {
        SentryRequest call = SentryRequest.of(Endpoint.TEAMS, org).with("detailed", "0").pageSize();
        return send(call, cursor).thenCompose(r -> {
            JsonNode list = expect(call, r, 200);
            for (JsonNode t : array(list, "the teams listing")) {
                TeamInfo info = new TeamInfo(t.path("id").asText(""), t.path("slug").asText(""),
                        t.path("flags").path("idp:provisioned").asBoolean(false));
                for (String key : wanted) {
                    if (key.equals(info.id()) || key.equals(info.slug())) {
                        found.put(key, info);
                    }
                }
            }
            if (found.keySet().containsAll(wanted) || r.nextCursor().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return teamsPage(r.nextCursor(), wanted, found);
        });
    }

    /** @return the ids and slugs of the teams with access to the project (every page); NOT_FOUND for the project */
    CompletionStage<List<TeamInfo>> projectTeams(String projectId) {
        List<TeamInfo> out = Collections.synchronizedList(new ArrayList<>());
        return projectTeamsPage(projectId, Optional.empty(), out).thenApply(v -> List.copyOf(out));
    }

    private CompletionStage<Void> projectTeamsPage(String projectId, Optional<String> cursor, List<TeamInfo> out) {
        SentryRequest call = SentryRequest.of(Endpoint.PROJECT_TEAMS, org, projectId).pageSize();
        return send(call, cursor).thenCompose(r -> {
            if (r.status() == 404) {
                throw new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + org + "' has no project "
                        + projectId + " (project:" + projectId + "), or the token cannot see it: use a project id"
                        + " as a sync lists it");
            }
            JsonNode list = expect(call, r, 200);
            for (JsonNode t : array(list, "the project's teams")) {
                out.add(new TeamInfo(t.path("id").asText(""), t.path("slug").asText(""),
                        t.path("flags").path("idp:provisioned").asBoolean(false)));
            }
            return r.nextCursor().isEmpty() ? CompletableFuture.completedFuture(null)
                    : projectTeamsPage(projectId, r.nextCursor(), out);
        });
    }

    /** @return the member (or invitation) with exactly this email, when there is one: its id and org role */
    CompletionStage<Optional<Map.Entry<String, String>>> memberByEmail(String email) {
        SentryRequest call = SentryRequest.of(Endpoint.MEMBERS, org).with("query", "email:" + email).pageSize();
        return send(call).thenApply(r -> {
            JsonNode list = expect(call, r, 200);
            for (JsonNode m : array(list, "the members listing")) {
                String e = m.path("email").asText("");
                if (e.equalsIgnoreCase(email) && m.path("id").isTextual()) {
                    String role = m.path("orgRole").isTextual() ? m.path("orgRole").asText()
                            : m.path("role").asText("member");
                    return Optional.of(Map.entry(m.path("id").asText(), role));
                }
            }
            return Optional.empty();
        });
    }

    // ---- answers and refusals ----

    /**
     * @return the answer's JSON when its status is the expected one; otherwise the refusal as a failure
     */
    JsonNode expect(SentryRequest call, SentryResponse r, int status) {
        if (r.status() != status) {
            throw refusal(call, r);
        }
        return parse(call, r);
    }

    /** @return the body as JSON, or UNAVAILABLE (a bad remote answer) when it is not JSON */
    static JsonNode parse(SentryRequest call, SentryResponse r) {
        if (!r.json().isMissingNode()) {
            return r.json();
        }
        throw unexpected("Sentry answered " + call.describe() + " with " + r.status() + (r.text().isBlank()
                ? " and no JSON body" : " and a body that is not JSON"));
    }

    /**
     * Turns an answer Sentry gave instead of the expected one into a failure: 401 AUTHENTICATION (expired, unknown,
     * of another organization..., told apart as the identity sync does), 403 PERMISSION naming the scope (when
     * Sentry says the token lacks permission) or INVALID_REQUEST with Sentry's reason, 404 NOT_FOUND, other 4xx
     * INVALID_REQUEST with Sentry's reason.
     */
    ConnectorException refusal(SentryRequest call, SentryResponse r) {
        Endpoint need = call.endpoint();
        String detail = detail(r.text());
        String on = " (" + r.status() + " on " + call.describe() + (detail.isEmpty() ? "" : ": " + detail) + ")";
        return switch (r.status()) {
            case 401 -> http.unauthenticated(r.text(), call.describe());
            // a 403 is a permission problem by its status: newer servers word scope denials differently
            case 403 -> new ConnectorException(ErrorKind.PERMISSION, "The auth token may not " + need.action()
                    + " in organization '" + org + "'" + on + ". It needs the scope " + need.scope() + " ("
                    + need.permissionName() + " in the integration's permissions).");
            // some refusals of a missing permission come as 400 (team-membership edits, member removal)
            case 400 -> detail.contains("do not have permission") || detail.contains("You are missing the")
                    ? new ConnectorException(ErrorKind.PERMISSION, "The auth token may not " + need.action()
                    + " in organization '" + org + "'" + on + ". It needs the scope " + need.scope() + " ("
                    + need.permissionName() + " in the integration's permissions).")
                    : new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry refused to " + need.action() + on
                    + ".");
            case 404 -> new ConnectorException(ErrorKind.NOT_FOUND, "Sentry found nothing at " + call.describe()
                    + " in organization '" + org + "' (404): check the ids, as a sync lists them.");
            default -> new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry refused to " + need.action() + on
                    + ".");
        };
    }

    /** @return whether Sentry refused because an identity provider manages the team or role */
    boolean managedByIdentityProvider(SentryResponse r) {
        return r.status() == 403 && detail(r.text()).toLowerCase(Locale.ROOT).contains("identity provider");
    }

    /** A member and a team, read in that order. */
    record MemberAndTeam(MemberState member, TeamInfo team) {
    }

    /** Reads the member, then finds the team (in that order, so the requests are always the same). */
    CompletionStage<MemberAndTeam> memberAndTeam(String memberId, String teamId) {
        return member(memberId).thenCompose(m -> team(teamId).thenApply(t -> new MemberAndTeam(m, t)));
    }

    static ConnectorException idpTeam(String team) {
        return new ConnectorException(ErrorKind.INVALID_REQUEST, team + " is managed by the organization's identity"
                + " provider (SCIM): Sentry refuses membership changes made elsewhere. Change its members in the"
                + " identity provider.");
    }

    static ConnectorException noTeam(Remote remote, String teamId) {
        return new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + remote.org() + "' has no "
                + TeamInfo.describe(teamId) + ": use a team id as a sync lists it");
    }

    ConnectorException noMember(String memberId) {
        return new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + org + "' has no member " + memberId
                + " (user:" + memberId + "): use a member id as a sync lists it");
    }

    /** @return Sentry's explanation from an error body (see {@link SentryApi#detail}), never the token */
    String detail(String body) {
        return http.detail(body);
    }

    static ConnectorException unexpected(String what) {
        // A bad remote answer, not a bug of the connector.
        return new ConnectorException(ErrorKind.UNAVAILABLE, what + "; the connector cannot tell what happened");
    }

    private static JsonNode array(JsonNode node, String what) {
        if (!node.isArray()) {
            throw unexpected("Sentry answered " + what + " with something other than a list");
        }
        return node;
    }

    private String body(Map<String, ?> value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON body", e);
        }
    }
}
