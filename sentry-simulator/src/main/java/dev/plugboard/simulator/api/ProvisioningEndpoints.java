package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.auth.TokenKind;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.OrgState;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The write side: invite, change and remove members, team memberships and roles, project-team access. */
public final class ProvisioningEndpoints {
    /** Sentry's detail for membership changes of an IdP-provisioned team. */
    public static final String IDP_TEAM = "This team is managed through your organization's identity provider.";
    /** Detail for org-role changes of an IdP role-restricted member. */
    public static final String IDP_ROLE = "This user's org-role is managed through your organization's identity "
            + "provider.";
    /** Detail for org-role changes by a token that is not a user token. */
    public static final String USER_TOKEN_ONLY = "Changing a member's organization role requires a user auth token "
            + "(sntryu_).";
    /** Serializer message for integration tokens inviting with a role other than member. */
    public static final String INTEGRATION_INVITE = "Integration tokens are restricted to inviting new members with "
            + "the member role only.";

    private final ApiContext ctx;
    private final IdentityEndpoints identity;

    /** Endpoints over a context. */
    public ProvisioningEndpoints(ApiContext ctx, IdentityEndpoints identity) {
        this.ctx = ctx;
        this.identity = identity;
    }

    private JsonNode body(ApiCall call) {
        JsonNode body = ctx.views().parse(call.request().body())
                .orElseThrow(() -> ApiError.badRequest("JSON parse error"));
        if (!body.isObject()) {
            throw ApiError.badRequest("Invalid data. Expected a dictionary, but got " + body.getNodeType() + ".");
        }
        return body;
    }

    private static OrgRole orgRole(String value) {
        return OrgRole.fromId(value).orElseThrow(() -> ApiError.field("orgRole", "\"" + value
                + "\" is not a valid choice."));
    }

    private static TeamRole teamRole(String field, String value) {
        return TeamRole.fromId(value).orElseThrow(() -> ApiError.field(field, "\"" + value
                + "\" is not a valid choice."));
    }

    private Map<String, TeamRole> teamRoles(JsonNode body, OrgRole orgRole) {
        Map<String, TeamRole> out = new LinkedHashMap<>();
        if (body.has("teamRoles") && body.get("teamRoles").isArray()) {
            for (JsonNode tr : body.get("teamRoles")) {
                String slug = tr.path("teamSlug").asText("");
                Team t = ctx.state().team(slug).orElseThrow(() -> ApiError.field("teamRoles", "Invalid team: "
                        + slug));
                TeamRole role = tr.hasNonNull("role") ? teamRole("teamRoles", tr.get("role").asText())
                        : TeamRole.CONTRIBUTOR;
                out.put(t.id(), role.max(orgRole.minimumTeamRole()));
            }
        } else if (body.has("teams") && body.get("teams").isArray()) {
            for (JsonNode slugNode : body.get("teams")) {
                String slug = slugNode.asText();
                Team t = ctx.state().team(slug).orElseThrow(() -> ApiError.field("teams", "Invalid team: " + slug));
                out.put(t.id(), orgRole.minimumTeamRole());
            }
        }
        return out;
    }

    /** {@code POST /api/0/organizations/{org}/members/}: invite {@code {email, orgRole, teamRoles, sendInvite}}. */
    public ApiResponse invite(ApiCall call) {
        ctx.org(call);
        JsonNode body = body(call);
        String email = body.path("email").asText("").trim();
        if (email.isEmpty()) {
            throw ApiError.field("email", "This field is required.");
        }
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiError.field("email", "Enter a valid email address.");
        }
        String roleId = body.hasNonNull("orgRole") ? body.get("orgRole").asText()
                : body.path("role").asText("member");
        OrgRole role = orgRole(roleId);
        if (call.token().kind() == TokenKind.INTEGRATION && role != OrgRole.MEMBER) {
            throw ApiError.field("orgRole", INTEGRATION_INVITE);
        }
        Optional<Member> existing = ctx.state().memberByEmail(email);
        if (existing.isPresent()) {
            throw ApiError.field("email", existing.get().pending() ? "There is an existing invite for " + email
                    : "The user " + email + " is already a member");
        }
        Map<String, TeamRole> teams = teamRoles(body, role);
        Member m = ctx.state().invite(email, role, call.now(), "Simulated Inviter", teams);
        return ctx.json(201, ctx.views().member(m));
    }

    /** {@code PUT /api/0/organizations/{org}/members/{member}/}: change {@code orgRole} and {@code teamRoles}. */
    public ApiResponse updateMember(ApiCall call) {
        Member m = ctx.member(call);
        JsonNode body = body(call);
        String roleField = body.hasNonNull("orgRole") ? "orgRole" : body.hasNonNull("role") ? "role" : "";
        OrgRole role = m.orgRole();
        if (!roleField.isEmpty()) {
            role = orgRole(body.get(roleField).asText());
            if (role != m.orgRole()) {
                if (!IdentityEndpoints.userToken(call.token().kind())) {
                    throw ApiError.badRequest(USER_TOKEN_ONLY);
                }
                if (m.flags().idpRoleRestricted()) {
                    throw ApiError.detail(403, IDP_ROLE);
                }
                if (m.orgRole() == OrgRole.OWNER && onlyOwner(m)) {
                    throw ApiError.detail(403, "You cannot demote the only remaining owner of the organization.");
                }
            }
        }
        Map<String, TeamRole> teams = body.has("teamRoles") || body.has("teams") ? teamRoles(body, role) : null;
        if (role != m.orgRole()) {
            ctx.state().setOrgRole(m.id(), role);
        }
        if (teams != null) {
            ctx.state().setTeams(m.id(), teams);
        }
        return ctx.ok(identity.memberDetail(ctx.state().member(m.id()).orElseThrow()));
    }

    private boolean onlyOwner(Member m) {
        return ctx.state().members().stream().filter(x -> x.orgRole() == OrgRole.OWNER && !x.pending()).count() == 1
                && !m.pending();
    }

    /** {@code DELETE /api/0/organizations/{org}/members/{member}/}: 204. */
    public ApiResponse removeMember(ApiCall call) {
        Member m = ctx.member(call);
        if (m.orgRole() == OrgRole.OWNER && onlyOwner(m)) {
            throw ApiError.detail(403, "You cannot remove the only remaining owner of the organization.");
        }
        ctx.state().removeMember(m.id());
        return ApiResponse.empty(204);
    }

    /** {@code POST .../members/{member}/teams/{team}/}: 201 added, 202 access request, 204 already a member. */
    public ApiResponse addToTeam(ApiCall call) {
        Member m = ctx.member(call);
        Team t = ctx.team(call);
        if (IdentityEndpoints.roleOn(t, m.id()).isPresent()) {
            return ApiResponse.empty(204);
        }
        if (t.idpProvisioned()) {
            throw ApiError.detail(403, IDP_TEAM);
        }
        if (!call.token().has("team:write") && !call.token().has("org:write")) {
            ctx.state().requestAccess(m.id(), t.id(), call.now());
            return ApiResponse.empty(202);
        }
        OrgState.AddResult result = ctx.state().addToTeam(t.id(), m.id(), m.orgRole().minimumTeamRole());
        if (result == OrgState.AddResult.ALREADY_MEMBER) {
            return ApiResponse.empty(204);
        }
        return ctx.json(201, ctx.views().team(ctx.state().team(t.id()).orElseThrow(), Optional.empty()));
    }

    /** {@code PUT .../members/{member}/teams/{team}/}: {@code {"teamRole": "contributor"|"admin"}}. */
    public ApiResponse setTeamRole(ApiCall call) {
        Member m = ctx.member(call);
        Team t = ctx.team(call);
        JsonNode body = body(call);
        if (!body.hasNonNull("teamRole")) {
            throw ApiError.field("teamRole", "This field is required.");
        }
        TeamRole role = teamRole("teamRole", body.get("teamRole").asText());
        TeamRole set = ctx.state().setTeamRole(t.id(), m.id(), role.max(m.orgRole().minimumTeamRole()))
                .orElseThrow(ApiError::notFound);
        ObjectNode out = ctx.views().object();
        out.put("isActive", true);
        out.put("teamRole", set.id());
        return ctx.ok(out);
    }

    /** {@code DELETE .../members/{member}/teams/{team}/}: 200 with the team. */
    public ApiResponse removeFromTeam(ApiCall call) {
        Member m = ctx.member(call);
        Team t = ctx.team(call);
        if (t.idpProvisioned()) {
            throw ApiError.detail(403, IDP_TEAM);
        }
        ctx.state().removeFromTeam(t.id(), m.id());
        return ctx.ok(ctx.views().team(ctx.state().team(t.id()).orElseThrow(), Optional.empty()));
    }

    /** {@code POST /api/0/projects/{org}/{project}/teams/{team}/}: 201 with the project. */
    public ApiResponse addProjectTeam(ApiCall call) {
        Project p = ctx.project(call);
        Team t = ctx.team(call);
        Project changed = ctx.state().addProjectTeam(p.id(), t.id());
        return ctx.json(201, ctx.views().project(changed, ctx.teamsOf(changed), false));
    }

    /** {@code DELETE /api/0/projects/{org}/{project}/teams/{team}/}: 200 with the project. */
    public ApiResponse removeProjectTeam(ApiCall call) {
        Project p = ctx.project(call);
        Team t = ctx.team(call);
        Project changed = ctx.state().removeProjectTeam(p.id(), t.id());
        return ctx.ok(ctx.views().project(changed, ctx.teamsOf(changed), false));
    }
}
