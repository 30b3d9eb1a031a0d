package dev.plugboard.simulator.model;

import java.util.Objects;
import java.util.Optional;

/**
 * One member's membership of a team, with the team role as Sentry stores it: raw, empty ({@code null} on the wire)
 * meaning "the minimum of the member's org role". The member's effective team role is the higher of the stored role
 * and their org role's {@code minimumTeamRole} (getsentry/sentry {@code src/sentry/core/endpoints/team_members.py}
 * answers {@code teamRole: obj.role}, the stored value; {@code src/sentry/roles/manager.py} defines the minimum).
 */
public record TeamMember(String memberId, Optional<TeamRole> storedRole) {

    /** Checks every component. */
    public TeamMember {
        Checks.id(memberId, "memberId");
        Objects.requireNonNull(storedRole, "storedRole");
    }

    /** A membership with no stored role (the org role's minimum applies). */
    public static TeamMember minimum(String memberId) {
        return new TeamMember(memberId, Optional.empty());
    }

    /** The role the member holds on the team with this org role: the higher of stored and minimum. */
    public TeamRole effectiveRole(OrgRole orgRole) {
        return storedRole.map(r -> r.max(orgRole.minimumTeamRole())).orElse(orgRole.minimumTeamRole());
    }
}
