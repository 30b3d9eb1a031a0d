package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A team, with its members in membership order and the org role it gives every member, if any (Sentry's
 * {@code Team.org_role}, {@code orgRole} in the teams list: getsentry/sentry
 * {@code src/sentry/api/serializers/models/team.py}).
 */
public record Team(String id, String slug, String name, Instant dateCreated, boolean idpProvisioned,
                   List<TeamMember> members, Optional<OrgRole> orgRole) {

    /** Checks every component and copies the list. */
    public Team {
        Checks.id(id, "id");
        Checks.nonBlank(slug, "slug");
        Checks.nonBlank(name, "name");
        Objects.requireNonNull(dateCreated, "dateCreated");
        members = List.copyOf(members);
        Objects.requireNonNull(orgRole, "orgRole");
    }

    /** A copy with other members. */
    public Team withMembers(List<TeamMember> newMembers) {
        return new Team(id, slug, name, dateCreated, idpProvisioned, newMembers, orgRole);
    }
}
