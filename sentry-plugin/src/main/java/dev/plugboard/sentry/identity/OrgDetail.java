package dev.plugboard.sentry.identity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization as {@code GET /organizations/{org}/} describes it, read once per connector.
 *
 * @param id          Sentry's organization id
 * @param slug        its slug
 * @param name        its name
 * @param dateCreated when it was created, when given
 * @param require2fa  whether members must use two-factor authentication
 * @param regionUrl   {@code links.regionUrl}, when given
 * @param apiHost     the host every later request goes to
 * @param roles       the organization roles ({@code orgRoleList}), in Sentry's order
 */
public record OrgDetail(String id, String slug, String name, Optional<Instant> dateCreated, boolean require2fa,
                 Optional<String> regionUrl, URI apiHost, List<OrgRole> roles) {

    public OrgDetail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dateCreated, "dateCreated");
        Objects.requireNonNull(regionUrl, "regionUrl");
        Objects.requireNonNull(apiHost, "apiHost");
        roles = List.copyOf(roles);
    }

    /**
     * One organization role.
     *
     * @param id          e.g. {@code owner}
     * @param name        e.g. {@code Owner}
     * @param description what it allows
     * @param retired     whether Sentry retired it on this plan
     * @param scopes      the scopes it grants
     * @param minimumTeamRole the team role a member with this org role holds on every team they are in
     *                    ({@code minimumTeamRole}: {@code admin} for owner, manager and admin), when given
     */
    public record OrgRole(String id, String name, String description, boolean retired, List<String> scopes,
                          Optional<String> minimumTeamRole) {
        public OrgRole {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(minimumTeamRole, "minimumTeamRole");
        }

        /** @return whether every member with this role is admin of each team they are in */
        public boolean teamAdmin() {
            return minimumTeamRole.filter("admin"::equals).isPresent();
        }
    }

    /** @return the role with this id, if the organization has it */
    public Optional<OrgRole> role(String roleId) {
        return roles.stream().filter(r -> r.id().equals(roleId)).findFirst();
    }
}
