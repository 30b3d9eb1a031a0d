package dev.plugboard.simulator.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An organization-level role, as in Sentry's {@code orgRoleList} (getsentry/sentry {@code src/sentry/conf/server.py}
 * {@code SENTRY_ROLES}, served by {@code src/sentry/api/serializers/models/role.py}): its scopes, its
 * {@code minimumTeamRole}, whether it may hold team roles ({@code billing} may not) and its priority (a higher role
 * may manage a lower one).
 */
public enum OrgRole {
    MEMBER("member", "Member", "Members can view and act on events, as well as view most other data within the organization.",
            false, TeamRole.CONTRIBUTOR,
            List.of("alerts:read", "alerts:write", "event:admin", "event:read", "event:write", "member:read",
                    "org:read", "project:read", "project:releases", "team:read")),
    ADMIN("admin", "Admin", "Admin privileges on any teams of which they're a member.",
            true, TeamRole.ADMIN,
            List.of("alerts:read", "alerts:write", "event:admin", "event:read", "event:write", "member:read",
                    "org:integrations", "org:read", "project:admin", "project:read", "project:releases",
                    "project:write", "team:admin", "team:read", "team:write")),
    MANAGER("manager", "Manager", "Gains admin access on all teams as well as the ability to add and remove members.",
            false, TeamRole.ADMIN,
            List.of("alerts:read", "alerts:write", "event:admin", "event:read", "event:write", "member:admin",
                    "member:invite", "member:read", "member:write", "org:integrations", "org:read", "org:write",
                    "project:admin",
                    "project:read", "project:releases", "project:write", "team:admin", "team:read", "team:write")),
    OWNER("owner", "Owner", "Unrestricted access to the organization, its data, and its settings.",
            false, TeamRole.ADMIN,
            List.of("alerts:read", "alerts:write", "event:admin", "event:read", "event:write", "member:admin",
                    "member:invite", "member:read", "member:write", "org:admin", "org:integrations", "org:read",
                    "org:write", "project:admin", "project:read", "project:releases", "project:write", "team:admin",
                    "team:read", "team:write")),
    BILLING("billing", "Billing", "Can manage payment and compliance details.",
            false, TeamRole.CONTRIBUTOR, List.of("org:billing"));

    private final String id;
    private final String displayName;
    private final String description;
    private final boolean retired;
    private final TeamRole minimumTeamRole;
    private final List<String> scopes;

    OrgRole(String id, String displayName, String description, boolean retired, TeamRole minimumTeamRole,
            List<String> scopes) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
        this.retired = retired;
        this.minimumTeamRole = minimumTeamRole;
        this.scopes = scopes;
    }

    /** The wire id, e.g. {@code "member"}. */
    public String id() { return id; }

    /** The display name, e.g. {@code "Member"}. */
    public String displayName() { return displayName; }

    /** Sentry's description of the role. */
    public String description() { return description; }

    /** Whether the role is retired on newer plans ({@code admin}). */
    public boolean retired() { return retired; }

    /** The least team role a member with this org role holds on its teams. */
    public TeamRole minimumTeamRole() { return minimumTeamRole; }

    /** The scopes the role grants. */
    public List<String> scopes() { return scopes; }

    /** Sentry's priority: billing 0, member 1, admin 2, manager 3, owner 4 (the order of {@code SENTRY_ROLES}). */
    public int priority() {
        return switch (this) {
            case BILLING -> 0;
            case MEMBER -> 1;
            case ADMIN -> 2;
            case MANAGER -> 3;
            case OWNER -> 4;
        };
    }

    /** Whether members with this role may hold team roles (Sentry's {@code is_team_roles_allowed}: not billing). */
    public boolean teamRolesAllowed() {
        return this != BILLING;
    }

    /** The higher of two roles by priority. */
    public OrgRole max(OrgRole other) {
        return other.priority() > priority() ? other : this;
    }

    /** The role with the given wire id, if any. */
    public static Optional<OrgRole> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
