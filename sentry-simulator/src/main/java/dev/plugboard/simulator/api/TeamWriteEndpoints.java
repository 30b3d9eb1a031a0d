package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.OrgState;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import dev.plugboard.simulator.model.TeamRole;
import java.util.Optional;

/**
 * The team writes: team memberships and team roles as getsentry/sentry
 * {@code src/sentry/core/endpoints/organization_member_team_details.py} does them, and a team's project access as
 * {@code src/sentry/core/endpoints/project_team_details.py} does it.
 */
public final class TeamWriteEndpoints {
    /** {@code ERR_INSUFFICIENT_ROLE} of organization_member_team_details.py. */
    public static final String CANNOT_EDIT = "You do not have permission to edit that user's membership.";

    private final ApiContext ctx;
    private final ProvisioningEndpoints members;

    /** Endpoints over a context. */
    public TeamWriteEndpoints(ApiContext ctx, ProvisioningEndpoints members) {
        this.ctx = ctx;
        this.members = members;
    }

    /**
     * {@code POST .../members/{member}/teams/{team}/}: 403 for a billing member (no team roles), 204 already a
     * member, 403 IdP-provisioned team, 202 access request, 201 added (with no stored team role).
     */
    public ApiResponse addToTeam(ApiCall call) {
        Member m = ctx.member(call);
        Team t = ctx.team(call);
        if (!m.orgRole().teamRolesAllowed()) {
            throw ApiError.detail(403, "The user with a '" + m.orgRole().id() + "' role cannot have team-level "
                    + "permissions.");
        }
        if (IdentityEndpoints.membership(t, m.id()).isPresent()) {
            return ApiResponse.empty(204);
        }
        if (t.idpProvisioned()) {
            throw ApiError.detail(403, ProvisioningEndpoints.IDP_TEAM);
        }
        if (!call.token().has("team:write") && !call.token().has("org:write")) {
            ctx.state().requestAccess(m.id(), t.id(), call.now());
            return ApiResponse.empty(202);
        }
        OrgState.AddResult result = ctx.state().addToTeam(t.id(), m.id(), Optional.empty());
        if (result == OrgState.AddResult.ALREADY_MEMBER) {
            return ApiResponse.empty(204);
        }
        return ctx.json(201, ctx.views().team(ctx.state().team(t.id()).orElseThrow(), Optional.empty()));
    }

    /**
     * {@code PUT .../members/{member}/teams/{team}/}: {@code {"teamRole": "contributor"|"admin"}}. A role no higher
     * than the member's minimum (from the org role) is stored as null ({@code _change_team_member_role}); the answer
     * is the stored value, {@code {"isActive": true, "teamRole": null}} then. Without {@code teamRole} nothing
     * changes (the serializer is partial).
     */
    public ApiResponse setTeamRole(ApiCall call) {
        Member m = ctx.member(call);
        Team t = ctx.team(call);
        TeamMember membership = IdentityEndpoints.membership(t, m.id()).orElseThrow(ApiError::notFound);
        JsonNode body = members.body(call);
        Optional<TeamRole> stored = membership.storedRole();
        if (body.has("teamRole") && !canAdminTeam(call)) {
            throw ApiError.badRequest(CANNOT_EDIT);
        }
        if (body.has("teamRole")) {
            JsonNode v = body.get("teamRole");
            TeamRole role = TeamRole.fromId(v.asText()).filter(x -> v.isTextual())
                    .orElseThrow(() -> ApiError.field("teamRole", "\"" + v.asText() + "\" is not a valid choice."));
            OrgRole orgRole = m.orgRole();
            stored = role == TeamRole.ADMIN && orgRole.minimumTeamRole() != TeamRole.ADMIN ? Optional.of(role)
                    : Optional.empty();
            ctx.state().setTeamRole(t.id(), m.id(), stored);
        }
        ObjectNode out = ctx.views().object();
        out.put("isActive", true);
        Views.putRole(out, "teamRole", stored);
        return ctx.ok(out);
    }

    /**
     * Whether the caller may set team roles and remove team members ({@code can_set_team_role},
     * {@code _can_delete}): a user token acts as an owner, who may; another token needs {@code team:write},
     * {@code org:write} or {@code member:write} ({@code can_admin_team}; integration tokens have global access, so
     * team membership is no condition).
     */
    private static boolean canAdminTeam(ApiCall call) {
        return ProvisioningEndpoints.isUserToken(call) || call.token().has("team:write")
                || call.token().has("org:write") || call.token().has("member:write");
    }

    /**
     * {@code DELETE .../members/{member}/teams/{team}/}: 200 with the team; 400 without the right to edit the
     * membership; 403 for an IdP-provisioned team.
     */
    public ApiResponse removeFromTeam(ApiCall call) {
        Member m = ctx.member(call);
        Team t = ctx.team(call);
        if (!canAdminTeam(call)) {
            throw ApiError.badRequest(CANNOT_EDIT);
        }
        if (t.idpProvisioned()) {
            throw ApiError.detail(403, ProvisioningEndpoints.IDP_TEAM);
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

    /**
     * {@code DELETE /api/0/projects/{org}/{project}/teams/{team}/}: 200 with the project. Needs
     * {@code project:write}, not admin ({@code ProjectTeamsPermission} of project_team_details.py).
     */
    public ApiResponse removeProjectTeam(ApiCall call) {
        Project p = ctx.project(call);
        Team t = ctx.team(call);
        Project changed = ctx.state().removeProjectTeam(p.id(), t.id());
        return ctx.ok(ctx.views().project(changed, ctx.teamsOf(changed), false));
    }
}
