package dev.plugboard.sentry.provisioning;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One member as {@code GET /organizations/{org}/members/{id}/} describes it, reduced to what provisioning decides by.
 * Sentry stores team roles raw: a stored {@code null} (empty here) means "the minimum of the org role", so the role a
 * member holds on a team is the higher of the stored role and the minimum of their effective org role (their own, or
 * one a team of theirs carries).
 *
 * @param id                 the member id
 * @param email              the member's email ("" when Sentry gave none)
 * @param orgRole            the member's own organization role
 * @param storedTeamRoles    team slug to the stored team role (empty: null), from {@code teamRoles} and {@code teams}
 * @param minimumTeamRoles   org role to the least team role it gives, from {@code orgRoleList[].minimumTeamRole}
 * @param groupOrgRoles      team slug to the org role that team gives ({@code groupOrgRoles})
 */
record MemberState(String id, String email, String orgRole, Map<String, Optional<String>> storedTeamRoles,
                   Map<String, String> minimumTeamRoles, Map<String, String> groupOrgRoles) {

    MemberState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(orgRole, "orgRole");
        storedTeamRoles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(storedTeamRoles));
        minimumTeamRoles = Map.copyOf(minimumTeamRoles);
        groupOrgRoles = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groupOrgRoles));
    }

    /** @return whether the member is in the team with this slug */
    boolean inTeam(String teamSlug) {
        return storedTeamRoles.containsKey(teamSlug);
    }

    /** @return the member's effective role on the team with this slug ({@code admin} or {@code contributor}) */
    Optional<String> teamRole(String teamSlug) {
        if (!inTeam(teamSlug)) {
            return Optional.empty();
        }
        boolean admin = storedTeamRoles.get(teamSlug).filter("admin"::equals).isPresent()
                || adminThroughOrgRole().isPresent();
        return Optional.of(admin ? "admin" : "contributor");
    }

    /** @return whether the member holds admin on the team only because Sentry stored it (not through an org role) */
    boolean storedAdmin(String teamSlug) {
        return storedTeamRoles.getOrDefault(teamSlug, Optional.empty()).filter("admin"::equals).isPresent();
    }

    private boolean givesTeamAdmin(String role) {
        String min = minimumTeamRoles.get(role);
        return min != null ? min.equals("admin") : role.equals("manager") || role.equals("owner");
    }

    /**
     * @return how the member is admin of every team they are in, when their effective org role makes them so:
     *     their own role, or a team that carries the role ({@code minimumTeamRole} {@code admin}; managers and
     *     owners when Sentry did not say)
     */
    Optional<String> adminThroughOrgRole() {
        if (givesTeamAdmin(orgRole)) {
            return Optional.of("has the organization role '" + orgRole + "'");
        }
        for (Map.Entry<String, String> g : groupOrgRoles.entrySet()) {
            if (givesTeamAdmin(g.getValue())) {
                return Optional.of("holds the organization role '" + g.getValue() + "' through "
                        + TeamInfo.describe(g.getKey()));
            }
        }
        return Optional.empty();
    }

    /** @return what to revoke to take away the org role that makes the member team admin */
    String revokeOrgRoleHint() {
        if (givesTeamAdmin(orgRole)) {
            return "revoke role:" + orgRole + ":assigned";
        }
        for (Map.Entry<String, String> g : groupOrgRoles.entrySet()) {
            if (givesTeamAdmin(g.getValue())) {
                return "remove them from " + TeamInfo.describe(g.getKey()) + ", which gives the organization role '"
                        + g.getValue() + "'";
            }
        }
        return "change their organization role";
    }

    /** @return whether the member's own org role makes them team admin on every team they are in */
    boolean orgRoleGivesTeamAdmin() {
        return adminThroughOrgRole().isPresent();
    }

    /** @return e.g. {@code member 12 (ada@example.com)} */
    String describe() {
        return "member " + id + (email.isEmpty() ? "" : " (" + email + ")");
    }
}
