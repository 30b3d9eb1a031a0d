package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.plugboard.simulator.auth.TokenKind;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgGenerator;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The member writes: invite, change and remove members, as getsentry/sentry's
 * {@code src/sentry/core/endpoints/organization_member_index.py} (POST) and
 * {@code src/sentry/core/endpoints/organization_member_details.py} (PUT, DELETE) do them, with the request
 * validation of {@code OrganizationMemberRequestSerializer} and the team assignment of
 * {@code src/sentry/core/endpoints/organization_member_utils.py} ({@code save_team_assignments},
 * {@code get_allowed_org_roles}).
 *
 * <p>A user token ({@code sntryu_} or legacy) acts as the organization's first owner (member {@code 100001}), so
 * "the caller's own role" and "roles the caller may assign" have an answer. An integration token is no member: it
 * may assign no org role ({@code get_allowed_org_roles} finds no member for its proxy user) and invite only as
 * {@code member}.
 */
public final class ProvisioningEndpoints {
    /** Sentry's detail for membership changes of an IdP-provisioned team. */
    public static final String IDP_TEAM = "This team is managed through your organization's identity provider.";
    /** Sentry's detail for removing an IdP-provisioned member. */
    public static final String IDP_MEMBER = "This user is managed through your organization's identity provider.";
    /** Sentry's message for integration tokens inviting with a role other than member (a bare list body). */
    public static final String INTEGRATION_INVITE = "Integration tokens are restricted to inviting new members with "
            + "the member role only.";
    /** {@code ERR_INSUFFICIENT_SCOPE} of organization_member_details.py. */
    public static final String MISSING_MEMBER_ADMIN = "You are missing the member:admin scope.";
    /** {@code ERR_ONLY_OWNER_OR_MANAGER} of organization_member_details.py. */
    public static final String ONLY_OWNER_OR_MANAGER = "You cannot remove the only remaining owner or manager of "
            + "the organization.";
    /** {@code validate_orgRole}'s message when the role is not among the caller's allowed roles. */
    public static final String ROLE_NOT_ALLOWED = "You do not have permission to set that org-level role";

    private final ApiContext ctx;
    private final IdentityEndpoints identity;

    /** Endpoints over a context. */
    public ProvisioningEndpoints(ApiContext ctx, IdentityEndpoints identity) {
        this.ctx = ctx;
        this.identity = identity;
    }

    JsonNode body(ApiCall call) {
        JsonNode body = ctx.views().parse(call.request().body())
                .orElseThrow(() -> ApiError.badRequest("JSON parse error"));
        if (!body.isObject()) {
            throw ApiError.badRequest("Invalid data. Expected a dictionary, but got " + body.getNodeType() + ".");
        }
        return body;
    }

    /** Whether the call comes with a user's token ({@code sntryu_} or legacy). */
    static boolean isUserToken(ApiCall call) {
        TokenKind kind = call.token().kind();
        return kind == TokenKind.USER || kind == TokenKind.LEGACY;
    }

    /** The member a user token acts as: the organization's first owner. */
    private Optional<Member> caller(ApiCall call) {
        if (!isUserToken(call)) {
            return Optional.empty();
        }
        return ctx.state().member(String.valueOf(OrgGenerator.MEMBER_ID_BASE));
    }

    /** {@code get_allowed_org_roles}: the roles at or below the caller's, or none without member:admin. */
    private Set<OrgRole> allowedRoles(ApiCall call, boolean creatingInvite) {
        if (!call.token().has("member:admin") && !creatingInvite) {
            return Set.of();
        }
        return caller(call).map(c -> java.util.Arrays.stream(OrgRole.values())
                .filter(r -> r.priority() <= c.orgRole().priority()).collect(Collectors.toSet())).orElse(Set.of());
    }

    /** The choice check of the serializer's {@code orgRole}/{@code role} field, then {@code validate_orgRole}. */
    private static OrgRole validateOrgRole(String field, JsonNode value, Set<OrgRole> allowed,
                                           boolean allowRetired) {
        OrgRole role = OrgRole.fromId(value.asText()).filter(r -> value.isTextual())
                .orElseThrow(() -> ApiError.field(field, "\"" + value.asText() + "\" is not a valid choice."));
        if (!allowed.contains(role)) {
            throw ApiError.field(field, ROLE_NOT_ALLOWED);
        }
        if (!allowRetired && role.retired()) {
            throw ApiError.field(field, "The role '" + role.id() + "' is deprecated and may no longer be assigned.");
        }
        return role;
    }

    /**
     * {@code validate_teamRoles}: every entry's {@code role} and {@code teamSlug} are read unconditionally, so an
     * entry without one fails with a server error (500) before anything is created.
     */
    private Map<Team, Optional<TeamRole>> validateTeamRoles(JsonNode list) {
        List<Optional<TeamRole>> roles = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject() || !item.has("role")) {
                throw new IllegalStateException("KeyError: 'role'");
            }
            JsonNode r = item.get("role");
            Optional<TeamRole> role = r.isNull() ? Optional.empty()
                    : TeamRole.fromId(r.asText()).filter(x -> r.isTextual());
            if (!r.isNull() && role.isEmpty()) {
                throw ApiError.field("teamRoles", "Invalid team-role");
            }
            roles.add(role);
        }
        List<String> slugs = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.has("teamSlug")) {
                throw new IllegalStateException("KeyError: 'teamSlug'");
            }
            slugs.add(item.get("teamSlug").asText());
        }
        List<Team> teams = validateTeams("teamRoles", slugs);
        Map<String, Optional<TeamRole>> bySlug = new LinkedHashMap<>();
        for (int i = 0; i < slugs.size(); i++) {
            bySlug.put(slugs.get(i), roles.get(i));
        }
        Map<Team, Optional<TeamRole>> out = new LinkedHashMap<>();
        teams.forEach(t -> out.put(t, bySlug.get(t.slug())));
        return out;
    }

    /** {@code validate_teams}: every slug names a team, else "Invalid teams". */
    private List<Team> validateTeams(String field, List<String> slugs) {
        List<Team> teams = ctx.state().teams().stream().filter(t -> slugs.contains(t.slug())).toList();
        if (teams.size() != slugs.size()) {
            throw ApiError.field(field, "Invalid teams");
        }
        return teams;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code POST /api/0/organizations/{org}/members/}: invite {@code {email, orgRole, teamRoles, sendInvite}}. */
    public ApiResponse invite(ApiCall call) {
        ctx.org(call);
        JsonNode body = body(call);
        String roleField = body.hasNonNull("orgRole") ? "orgRole" : body.hasNonNull("role") ? "role" : "";
        String assigned = roleField.isEmpty() ? "member" : body.get(roleField).asText();
        Set<OrgRole> allowed = allowedRoles(call, true);
        if (allowed.isEmpty() && call.token().kind() == TokenKind.INTEGRATION) {
            if (!assigned.equals("member")) {
                // raised outside the serializer: DRF answers a bare list
                return ctx.json(400, JsonNodeFactory.instance.arrayNode().add(INTEGRATION_INVITE));
            }
            allowed = Set.of(OrgRole.MEMBER);
        }
        // the serializer's field validators run before any answer: a teamRoles entry without "role" is a 500
        Map<Team, Optional<TeamRole>> teamRoles = body.has("teamRoles") && body.get("teamRoles").isArray()
                ? validateTeamRoles(body.get("teamRoles")) : Map.of();
        String email = body.path("email").asText("").trim();
        if (email.isEmpty()) {
            throw ApiError.field("email", "This field is required.");
        }
        if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiError.field("email", "Enter a valid email address.");
        }
        Optional<Member> existing = ctx.state().memberByEmail(email);
        if (existing.isPresent()) {
            throw ApiError.field("email", existing.get().pending() ? "The user " + email + " has already been invited"
                    : "The user " + email + " is already a member");
        }
        // the org has team roles, so retired roles (admin) may not be assigned
        OrgRole role = roleField.isEmpty() ? OrgRole.MEMBER
                : validateOrgRole(roleField, body.get(roleField), allowed, false);
        List<Team> teams = new ArrayList<>();
        if (!teamRoles.isEmpty()) {
            teams.addAll(teamRoles.keySet());
        } else if (body.has("teams") && body.get("teams").isArray()) {
            teams.addAll(validateTeams("teams", texts(body.get("teams"))));
        }
        if (!teams.isEmpty() && !role.teamRolesAllowed()) {
            throw ApiError.field("email", "The user with a '" + role.id() + "' role cannot have team-level "
                    + "permissions.");
        }
        // "Do not set team-roles when inviting members": the teams are saved without roles
        Map<String, Optional<TeamRole>> assignments = new LinkedHashMap<>();
        teams.forEach(t -> assignments.put(t.id(), Optional.empty()));
        Member m = ctx.state().invite(email, role, call.now(), "Simulated Inviter", assignments);
        return ctx.json(201, ctx.views().member(m, ctx.state().groupOrgRoles(m.id())));
    }

    /**
     * {@code PUT /api/0/organizations/{org}/members/{member}/}: {@code orgRole} and {@code teamRoles}. As in Sentry,
     * the team assignment runs before the role change and a body without {@code teamRoles}/{@code teams} assigns no
     * team: the member leaves every team.
     */
    public ApiResponse updateMember(ApiCall call) {
        Member m = ctx.member(call);
        JsonNode body = body(call);
        // the serializer (partial=True): only the fields sent are validated
        String roleField = body.has("orgRole") ? "orgRole" : body.has("role") ? "role" : "";
        Optional<OrgRole> assigned = Optional.empty();
        if (!roleField.isEmpty()) {
            assigned = Optional.of(validateOrgRole(roleField, body.get(roleField), allowedRoles(call, false), true));
        }
        Optional<Map<Team, Optional<TeamRole>>> teamRoles = Optional.empty();
        Optional<List<Team>> legacyTeams = Optional.empty();
        if (body.has("teamRoles") && !body.get("teamRoles").isNull()) {
            teamRoles = Optional.of(validateTeamRoles(body.get("teamRoles")));
        } else if (body.has("teams")) {
            legacyTeams = Optional.of(validateTeams("teams", texts(body.get("teams"))));
        }
        if (m.flags().partnershipRestricted()) {
            throw ApiError.detail(403, "This member is managed by an active partnership and cannot be modified "
                    + "until the end of the partnership.");
        }
        if (!call.token().has("member:admin") && call.token().has("member:invite")) {
            // members may only resend invites
            throw ApiError.forbidden();
        }
        boolean anyTeams = teamRoles.map(t -> !t.isEmpty()).orElse(false)
                || legacyTeams.map(t -> !t.isEmpty()).orElse(false);
        if (anyTeams || (teamRoles.isEmpty() && legacyTeams.isEmpty() && !ctx.state().teamsOf(m.id()).isEmpty())) {
            OrgRole newRole = assigned.orElse(m.orgRole());
            if (!newRole.teamRolesAllowed()) {
                throw ApiError.badRequest("The user with a '" + newRole.id() + "' role cannot have team-level "
                        + "permissions.");
            }
        }
        Map<String, Optional<TeamRole>> assignments = new LinkedHashMap<>();
        if (teamRoles.isPresent() && !teamRoles.get().isEmpty()) {
            teamRoles.get().forEach((t, r) -> assignments.put(t.id(), r));
        } else {
            legacyTeams.orElse(List.of()).forEach(t -> assignments.put(t.id(), Optional.empty()));
        }
        ctx.state().setTeams(m.id(), assignments);
        if (assigned.isPresent() && assigned.get() != m.orgRole()) {
            changeOrgRole(call, m, assigned.get());
        }
        return ctx.ok(identity.memberDetail(ctx.state().member(m.id()).orElseThrow()));
    }

    private void changeOrgRole(ApiCall call, Member m, OrgRole role) {
        Set<OrgRole> allowed = allowedRoles(call, false);
        if (!allowed.contains(role)) {
            throw roleError("You do not have permission to assign the given role.");
        }
        if (!allowed.contains(m.orgRole())) {
            throw roleError("You do not have permission to assign a role to the given user.");
        }
        if (caller(call).map(c -> c.id().equals(m.id())).orElse(false)) {
            throw ApiError.badRequest("You cannot make changes to your own role.");
        }
        if (role.retired()) {
            throw ApiError.badRequest("The role '" + role.id() + "' is deprecated and may no longer be assigned.");
        }
        // _change_org_role means to null the team roles the new role makes redundant, but in the version read the
        // list it saves stays empty, so stored team roles are kept; effective roles are the same either way
        ctx.state().setOrgRole(m.id(), role);
    }

    private static ApiError roleError(String message) {
        var n = JsonNodeFactory.instance.objectNode();
        n.put("role", message);
        return ApiError.body(403, n);
    }

    /**
     * {@code DELETE /api/0/organizations/{org}/members/{member}/}: 204; without member:admin 400; the only member
     * with org:write (owner or manager), or an IdP-provisioned member, 403.
     */
    public ApiResponse removeMember(ApiCall call) {
        Member m = ctx.member(call);
        Optional<Member> acting = caller(call);
        if (acting.isPresent() && !acting.get().id().equals(m.id())) {
            if (!call.token().has("member:admin")) {
                if (call.token().has("member:invite")) {
                    // members may delete only invitations they sent
                    if (!m.pending()) {
                        throw ApiError.badRequest(MISSING_MEMBER_ADMIN);
                    }
                    throw ApiError.badRequest("You cannot modify invitations sent by someone else.");
                }
                throw ApiError.badRequest(MISSING_MEMBER_ADMIN);
            }
            if (acting.get().orgRole().priority() < m.orgRole().priority()) {
                throw ApiError.badRequest("You cannot remove a member who has more access than you.");
            }
        } else if (acting.isEmpty() && !call.token().has("member:admin")) {
            throw ApiError.badRequest(MISSING_MEMBER_ADMIN);
        }
        if (onlyMemberWithOrgWrite(m)) {
            throw ApiError.detail(403, ONLY_OWNER_OR_MANAGER);
        }
        if (m.flags().idpProvisioned()) {
            throw ApiError.detail(403, IDP_MEMBER);
        }
        if (m.flags().partnershipRestricted()) {
            throw ApiError.detail(403, "This member is managed by an active partnership and cannot be modified "
                    + "until the end of the partnership.");
        }
        ctx.state().removeMember(m.id());
        return ApiResponse.empty(204);
    }

    /** {@code OrganizationMember.is_only_member_with_org_write}: the member's role has org:write and no other's. */
    private boolean onlyMemberWithOrgWrite(Member m) {
        if (!m.orgRole().scopes().contains("org:write")) {
            return false;
        }
        return ctx.state().members().stream().filter(x -> !x.id().equals(m.id()) && !x.pending())
                .noneMatch(x -> x.orgRole().scopes().contains("org:write"));
    }
}
