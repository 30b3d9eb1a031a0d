package dev.plugboard.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The shapes every generated organization has, whatever the seed, so an access review always meets them: owners
 * and managers in teams (team admins through their org role, with nothing stored), a team carrying an org role, a
 * member reaching a project through two teams, a member who never logged in and a dormant one. Each is placed
 * deterministically (the first such member or team), changing the generated lists in place.
 */
final class OrgShapes {
    private OrgShapes() {
    }

    private static Team with(Team t, String memberId) {
        List<TeamMember> list = new ArrayList<>(t.members());
        list.removeIf(tm -> tm.memberId().equals(memberId));
        list.add(TeamMember.minimum(memberId));
        list.sort(Comparator.comparingLong(tm -> Long.parseLong(tm.memberId())));
        return t.withMembers(list);
    }

    private static Optional<Member> first(List<Member> members, OrgRole role) {
        return members.stream().filter(m -> !m.pending() && m.orgRole() == role).findFirst();
    }

    /** The first team (by id) holds the first owner and the first manager, with no stored team role. */
    static void managersAndOwnersInTeams(List<Member> members, List<Team> teams) {
        if (teams.isEmpty()) {
            return;
        }
        Team t = teams.get(0);
        for (OrgRole role : List.of(OrgRole.OWNER, OrgRole.MANAGER)) {
            Optional<Member> m = first(members, role);
            if (m.isPresent()) {
                t = with(t, m.get().id());
            }
        }
        teams.set(0, t);
    }

    /** The index of the team that carries an org role: not one of the empty teams at the end, -1 for one team. */
    static int orgRoleTeam(int teamCount) {
        return teamCount >= 5 ? Math.min(3, teamCount - 3) : teamCount >= 2 ? 1 : -1;
    }

    /** One team carries org role {@code manager}: each of its members holds it (Sentry's {@code Team.org_role}). */
    static void teamWithOrgRole(List<Team> teams) {
        int i = orgRoleTeam(teams.size());
        if (i >= 0) {
            Team t = teams.get(i);
            teams.set(i, new Team(t.id(), t.slug(), t.name(), t.dateCreated(), t.idpProvisioned(), t.members(),
                    Optional.of(OrgRole.MANAGER)));
        }
    }

    /** The first active plain member is in two teams of the first project shared by two teams. */
    static void memberThroughTwoTeams(List<Member> members, List<Team> teams, List<Project> projects) {
        Optional<Project> shared = projects.stream().filter(p -> p.teamIds().size() >= 2).findFirst();
        Optional<Member> member = first(members, OrgRole.MEMBER);
        if (shared.isEmpty() || member.isEmpty()) {
            return;
        }
        for (String teamId : shared.get().teamIds().subList(0, 2)) {
            for (int i = 0; i < teams.size(); i++) {
                if (teams.get(i).id().equals(teamId)) {
                    teams.set(i, with(teams.get(i), member.get().id()));
                }
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The last active member never logged in (null {@code lastLogin} and {@code lastActive}); the one before was last
     * active 200 days ago (or
     * when they joined, if later). The first owner stays as generated.
     */
    static void dormantAndNeverLoggedIn(List<Member> members, Instant now) {
        int changed = 0;
        for (int i = members.size() - 1; i > 0 && changed < 2; i--) {
            Member m = members.get(i);
            if (m.user().isEmpty()) {
                continue;
            }
            User u = m.user().get();
            Instant loggedIn = later(now.minus(Duration.ofDays(210)), u.dateJoined());
            Optional<Instant> login = changed == 0 ? Optional.empty() : Optional.of(loggedIn);
            Optional<Instant> active = changed == 0 ? Optional.empty()
                    : Optional.of(later(now.minus(Duration.ofDays(200)), loggedIn));
            User dormant = new User(u.id(), u.name(), u.username(), u.email(), u.active(), u.has2fa(),
                    u.hasPasswordAuth(), u.managed(), u.dateJoined(), login, active);
            members.set(i, new Member(m.id(), m.email(), m.name(), m.orgRole(), m.status(), Optional.of(dormant),
                    m.flags(), m.dateCreated(), m.inviteStatus(), m.inviterName()));
            changed++;
        }
    }
}
