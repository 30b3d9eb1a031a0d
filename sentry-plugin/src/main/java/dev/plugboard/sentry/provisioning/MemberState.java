package dev.plugboard.sentry.provisioning;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One member as {@code GET /organizations/{org}/members/{id}/} describes it, reduced to what provisioning decides by.
 *
 * @param id                 the member id
 * @param email              the member's email ("" when Sentry gave none)
 * @param orgRole            the organization role
 * @param teamRoles          team slug to team role ({@code contributor} or {@code admin}), from {@code teamRoles}
 *                           and {@code teams}
 * @param minimumTeamRoles   org role to the least team role it gives, from {@code orgRoleList[].minimumTeamRole}
 */
record MemberState(String id, String email, String orgRole, Map<String, String> teamRoles,
                   Map<String, String> minimumTeamRoles) {

    MemberState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(orgRole, "orgRole");
        teamRoles = Map.copyOf(teamRoles);
        minimumTeamRoles = Map.copyOf(minimumTeamRoles);
    }

    /** @return the member's role on the team with this slug, when a member of it */
    Optional<String> teamRole(String teamSlug) {
        return Optional.ofNullable(teamRoles.get(teamSlug));
    }

    /**
     * @return whether the member's org role makes them team admin on every team they are in (managers and owners;
     *     Sentry's {@code minimumTeamRole}, or those two when Sentry did not say)
     */
    boolean orgRoleGivesTeamAdmin() {
        String min = minimumTeamRoles.get(orgRole);
        return min != null ? min.equals("admin") : orgRole.equals("manager") || orgRole.equals("owner");
    }

    /** @return e.g. {@code member 12 (ada@example.com)} */
    String describe() {
        return "member " + id + (email.isEmpty() ? "" : " (" + email + ")");
    }
}
