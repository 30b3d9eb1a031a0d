package dev.plugboard.simulator.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable view of the simulated organization at one moment: what a full identity sync should find.
 * Members are in id order, teams and projects in slug order (Sentry's list orders).
 */
public record OrgSnapshot(Organization organization, List<Member> members, List<Team> teams, List<Project> projects,
                          List<Repository> repositories) {

    /** Checks every component and copies the lists. */
    public OrgSnapshot {
        Objects.requireNonNull(organization, "organization");
        members = List.copyOf(members);
        teams = List.copyOf(teams);
        projects = List.copyOf(projects);
        repositories = List.copyOf(repositories);
    }

    /** The member with this id. */
    public Optional<Member> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The team with this slug. */
    public Optional<Team> team(String slug) {
        return teams.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** The project with this slug. */
    public Optional<Project> project(String slug) {
        return projects.stream().filter(p -> p.slug().equals(slug)).findFirst();
    }

    /** Teams by id. */
    public Map<String, Team> teamsById() {
        return teams.stream().collect(Collectors.toUnmodifiableMap(Team::id, Function.identity()));
    }
}
