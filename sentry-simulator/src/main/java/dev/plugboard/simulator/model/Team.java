package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A team, with its members in membership order. */
public record Team(String id, String slug, String name, Instant dateCreated, boolean idpProvisioned,
                   List<TeamMember> members) {

    /** Checks every component and copies the list. */
    public Team {
        Checks.id(id, "id");
        Checks.nonBlank(slug, "slug");
        Checks.nonBlank(name, "name");
        Objects.requireNonNull(dateCreated, "dateCreated");
        members = List.copyOf(members);
    }

    /** A copy with other members. */
    public Team withMembers(List<TeamMember> newMembers) {
        return new Team(id, slug, name, dateCreated, idpProvisioned, newMembers);
    }
}
