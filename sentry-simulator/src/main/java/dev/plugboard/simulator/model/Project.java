package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A project and the ids of the teams that have access to it, in grant order. */
public record Project(String id, String slug, String name, Optional<String> platform, Instant dateCreated,
                      List<String> teamIds) {

    /** Checks every component and copies the list. */
    public Project {
        Checks.id(id, "id");
        Checks.nonBlank(slug, "slug");
        Checks.nonBlank(name, "name");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(dateCreated, "dateCreated");
        teamIds = List.copyOf(teamIds);
    }

    /** A copy with other teams. */
    public Project withTeamIds(List<String> newTeamIds) {
        return new Project(id, slug, name, platform, dateCreated, newTeamIds);
    }
}
