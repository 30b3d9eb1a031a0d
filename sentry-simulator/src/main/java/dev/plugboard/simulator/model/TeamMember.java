package dev.plugboard.simulator.model;

import java.util.Objects;

/** One member's membership of a team, with the team role. */
public record TeamMember(String memberId, TeamRole teamRole) {

    /** Checks every component. */
    public TeamMember {
        Checks.id(memberId, "memberId");
        Objects.requireNonNull(teamRole, "teamRole");
    }
}
