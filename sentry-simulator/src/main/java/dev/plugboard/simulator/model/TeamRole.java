package dev.plugboard.simulator.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A team-level role, as in Sentry's {@code teamRoleList}. */
public enum TeamRole {
    CONTRIBUTOR("contributor", "Contributor", "Contributors can view and act on events, as well as view most other data within the team's projects.",
            List.of("alerts:read", "alerts:write", "event:admin", "event:read", "event:write", "project:read",
                    "project:releases", "team:read"), "member"),
    ADMIN("admin", "Team Admin", "Admin privileges on the team. They can create and remove projects, and can manage the team's memberships.",
            List.of("alerts:read", "alerts:write", "event:admin", "event:read", "event:write", "org:read",
                    "project:admin", "project:read", "project:releases", "project:write", "team:admin", "team:read",
                    "team:write"), "admin");

    private final String id;
    private final String displayName;
    private final String description;
    private final List<String> scopes;
    private final String minimumRoleFor;

    TeamRole(String id, String displayName, String description, List<String> scopes, String minimumRoleFor) {
        this.id = id;
        this.displayName = displayName;
        this.description = description;
        this.scopes = scopes;
        this.minimumRoleFor = minimumRoleFor;
    }

    /** The wire id, e.g. {@code "contributor"}. */
    public String id() { return id; }

    /** The display name. */
    public String displayName() { return displayName; }

    /** Sentry's description of the role. */
    public String description() { return description; }

    /** The scopes the role grants on the team's projects. */
    public List<String> scopes() { return scopes; }

    /** The org role for which this is the minimum team role. */
    public String minimumRoleFor() { return minimumRoleFor; }

    /** The more powerful of two roles. */
    public TeamRole max(TeamRole other) {
        return this == ADMIN || other == ADMIN ? ADMIN : CONTRIBUTOR;
    }

    /** The role with the given wire id, if any. */
    public static Optional<TeamRole> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
