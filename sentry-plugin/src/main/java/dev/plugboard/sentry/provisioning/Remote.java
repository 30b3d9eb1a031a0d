package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

/**
 * The Sentry requests of one provisioning operation: builds them, records each one sent (for
 * {@link dev.plugboard.spi.ProvisioningResult#requests()}), reads the state provisioning decides by, and turns
 * Sentry's refusals into {@link ConnectorException}s that say what to fix. One instance per operation.
 */
final class Remote {
    /** Sentry's text for a token without the needed scope (403). */
    private static final String NO_PERMISSION = "do not have permission";
    private static final int PAGE_SIZE = 100;

    /** What a request needs, for messages: the scope and its name in the integration's permissions. */
    record Need(String scope, String permission, String action) {
    }

    static final Need READ_MEMBER = new Need("member:read", "Member: Read", "read a member");
    static final Need LIST_MEMBERS = new Need("member:read", "Member: Read", "list the members");
    static final Need LIST_TEAMS = new Need("org:read", "Organization: Read", "list the teams");
    static final Need PROJECT_TEAMS = new Need("project:read", "Project: Read", "list a project's teams");
    static final Need ADD_TO_TEAM = new Need("team:write", "Team: Read & Write", "add members to teams");
    static final Need SET_TEAM_ROLE = new Need("team:write", "Team: Read & Write", "change team roles");
    static final Need REMOVE_FROM_TEAM = new Need("team:admin", "Team: Admin", "remove members from teams");
    static final Need SET_ORG_ROLE = new Need("member:write", "Member: Read & Write", "change members' roles");
    static final Need INVITE = new Need("member:invite", "Member: Read & Write", "invite members");
    static final Need REMOVE_MEMBER = new Need("member:admin", "Member: Admin", "remove members");
    static final Need ADD_PROJECT_TEAM = new Need("project:write", "Project: Read & Write",
            "give teams access to projects");
    static final Need REMOVE_PROJECT_TEAM = new Need("project:admin", "Project: Admin",
            "take teams' access to projects");

    private final SentryHttp http;
    private final ObjectMapper json;
    private final String org;
    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());

    Remote(SentryHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
        this.org = http.organization();
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

    HttpCall memberTeam(String method, String memberId, String team) {
        return new HttpCall(method, method + " /organizations/{org}/members/{member}/teams/{team}/", "/organizations/"
                + seg(org) + "/members/" + seg(memberId) + "/teams/" + seg(team) + "/", Optional.empty());
    }

    HttpCall setTeamRole(String memberId, String team, String role) {
        return new HttpCall("PUT", "PUT /organizations/{org}/members/{member}/teams/{team}/", "/organizations/"
                + seg(org) + "/members/" + seg(memberId) + "/teams/" + seg(team) + "/",
                Optional.of(body(Map.of("teamRole", role))));
    }

    HttpCall setOrgRole(String memberId, String role) {
        return new HttpCall("PUT", "PUT /organizations/{org}/members/{member}/", "/organizations/" + seg(org)
                + "/members/" + seg(memberId) + "/", Optional.of(body(Map.of("orgRole", role))));
    }

    HttpCall removeMember(String memberId) {
        return new HttpCall("DELETE", "DELETE /organizations/{org}/members/{member}/", "/organizations/" + seg(org)
                + "/members/" + seg(memberId) + "/", Optional.empty());
    }

    HttpCall invite(Map<String, Object> body) {
        return new HttpCall("POST", "POST /organizations/{org}/members/", "/organizations/" + seg(org) + "/members/",
                Optional.of(body(body)));
    }

    HttpCall projectTeam(String method, String projectId, String team) {
        return new HttpCall(method, method + " /projects/{org}/{project}/teams/{team}/", "/projects/" + seg(org) + "/"
                + seg(projectId) + "/teams/" + seg(team) + "/", Optional.empty());
    }

    /** Sends and records a request. */
    CompletionStage<HttpReply> send(HttpCall call) {
        sent.add(call.describe());
        return http.send(call);
    }

    // ---- reads ----

    /** @return the member, or NOT_FOUND naming it */
    CompletionStage<MemberState> member(String memberId) {
        HttpCall call = new HttpCall("GET", "GET /organizations/{org}/members/{member}/", "/organizations/"
                + seg(org) + "/members/" + seg(memberId) + "/", Optional.empty());
        return send(call).thenApply(r -> {
            if (r.status() == 404) {
                throw noMember(memberId);
            }
            JsonNode m = expect(call, r, 200, READ_MEMBER);
            return memberState(m, memberId);
        });
    }

    MemberState memberState(JsonNode m, String memberId) {
        Map<String, String> teams = new LinkedHashMap<>();
        for (JsonNode slug : m.path("teams")) {
            if (slug.isTextual()) {
                teams.put(slug.asText(), "contributor");
            }
        }
        for (JsonNode tr : m.path("teamRoles")) {
            String slug = tr.path("teamSlug").asText("");
            if (!slug.isEmpty()) {
                teams.put(slug, tr.path("role").isTextual() ? tr.path("role").asText() : "contributor");
            }
        }
        Map<String, String> minimum = new HashMap<>();
        for (JsonNode r : m.path("orgRoleList")) {
            if (r.path("id").isTextual() && r.path("minimumTeamRole").isTextual()) {
                minimum.put(r.path("id").asText(), r.path("minimumTeamRole").asText());
            }
        }
        String role = m.path("orgRole").isTextual() ? m.path("orgRole").asText() : m.path("role").asText("");
        if (role.isEmpty()) {
            throw unexpected("the detail of member " + memberId + " has no orgRole");
        }
        return new MemberState(m.path("id").asText(memberId), m.path("email").asText(""), role, teams, minimum);
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
                    throw new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + org + "' has no team "
                            + key + " (team:" + key + "): use a team id as a sync lists it");
                }
                out.add(t);
            }
            return out;
        });
    }

    private CompletionStage<Void> teamsPage(Optional<String> cursor, List<String> wanted, Map<String, TeamInfo> found) {
        HttpCall call = new HttpCall("GET", "GET /organizations/{org}/teams/", "/organizations/" + seg(org)
                + "/teams/?detailed=0&per_page=" + PAGE_SIZE + cursor.map(c -> "&cursor=" + query(c)).orElse(""),
                Optional.empty());
        return send(call).thenCompose(r -> {
            JsonNode list = expect(call, r, 200, LIST_TEAMS);
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
        HttpCall call = new HttpCall("GET", "GET /projects/{org}/{project}/teams/", "/projects/" + seg(org) + "/"
                + seg(projectId) + "/teams/?per_page=" + PAGE_SIZE + cursor.map(c -> "&cursor=" + query(c)).orElse(""),
                Optional.empty());
        return send(call).thenCompose(r -> {
            if (r.status() == 404) {
                throw new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + org + "' has no project "
                        + projectId + " (project:" + projectId + "), or the token cannot see it: use a project id"
                        + " as a sync lists it");
            }
            JsonNode list = expect(call, r, 200, PROJECT_TEAMS);
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
        HttpCall call = new HttpCall("GET", "GET /organizations/{org}/members/", "/organizations/" + seg(org)
                + "/members/?query=" + query("email:" + email) + "&per_page=" + PAGE_SIZE, Optional.empty());
        return send(call).thenApply(r -> {
            JsonNode list = expect(call, r, 200, LIST_MEMBERS);
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
    JsonNode expect(HttpCall call, HttpReply r, int status, Need need) {
        if (r.status() != status) {
            throw refusal(call, r, need);
        }
        return parse(call, r);
    }

    /** @return the body as JSON, or INTERNAL when it is not JSON */
    JsonNode parse(HttpCall call, HttpReply r) {
        try {
            JsonNode n = json.readTree(r.body());
            if (n == null || n.isMissingNode()) {
                throw unexpected("Sentry answered " + call.describe() + " with " + r.status() + " and no JSON body");
            }
            return n;
        } catch (IOException e) {
            throw unexpected("Sentry answered " + call.describe() + " with " + r.status() + " and a body that is not"
                    + " JSON");
        }
    }

    /**
     * Turns an answer Sentry gave instead of the expected one into a failure: 401 AUTHENTICATION (expired, unknown,
     * of another organization..., told apart as the identity sync does), 403 PERMISSION naming the scope (when
     * Sentry says the token lacks permission) or INVALID_REQUEST with Sentry's reason, 404 NOT_FOUND, other 4xx
     * INVALID_REQUEST with Sentry's reason.
     */
    ConnectorException refusal(HttpCall call, HttpReply r, Need need) {
        String detail = detail(r.body());
        String on = " (" + r.status() + " on " + call.describe() + (detail.isEmpty() ? "" : ": " + detail) + ")";
        return switch (r.status()) {
            case 401 -> http.unauthenticated(r.body(), call.describe());
            case 403 -> detail.isEmpty() || detail.toLowerCase(Locale.ROOT).contains(NO_PERMISSION)
                    ? new ConnectorException(ErrorKind.PERMISSION, "The auth token may not " + need.action()
                    + " in organization '" + org + "'" + on + ". It needs the scope " + need.scope() + " ("
                    + need.permission() + " in the integration's permissions).")
                    : new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry refused to " + need.action() + on + ".");
            case 404 -> new ConnectorException(ErrorKind.NOT_FOUND, "Sentry found nothing at " + call.describe()
                    + " in organization '" + org + "' (404): check the ids, as a sync lists them.");
            default -> new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry refused to " + need.action() + on
                    + ".");
        };
    }

    /** @return whether Sentry refused because an identity provider manages the team or role */
    boolean managedByIdentityProvider(HttpReply r) {
        return r.status() == 403 && detail(r.body()).toLowerCase(Locale.ROOT).contains("identity provider");
    }

    ConnectorException noMember(String memberId) {
        return new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + org + "' has no member " + memberId
                + " (user:" + memberId + "): use a member id as a sync lists it");
    }

    /** @return Sentry's explanation from an error body (see {@link SentryHttp#detail}), never the token */
    String detail(String body) {
        return http.detail(body);
    }

    static ConnectorException unexpected(String what) {
        return new ConnectorException(ErrorKind.INTERNAL, what + "; the connector cannot tell what happened");
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

    static String seg(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
