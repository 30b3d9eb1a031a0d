package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Deterministic churn between syncs: the organization changes the way a real one does from one day to the next.
 * One run with {@code percent} p makes, each at least once when there is something to change:
 * <ul>
 *   <li>{@code member-left} and {@code member-joined}: ⌈p% of the members⌉ each (owners never leave; a new member
 *       joins with org role {@code member}, a user, and last login now);</li>
 *   <li>{@code team-member-removed}, {@code team-member-added} and {@code team-role-changed}: ⌈p% of the team
 *       memberships⌉ each (members are added with no stored role, as Sentry adds them; role changes pick members
 *       whose org role does not already make them team admin, so each change changes what the member can do, and
 *       toggle the stored role between null and {@code admin}; {@code from}/{@code to} absent mean null);</li>
 *   <li>{@code project-team-removed} and {@code project-team-added}: ⌈p% of the projects⌉ each.</li>
 * </ul>
 * The same state, percent, seed and run number give the same changes: the random choices come from a generator
 * seeded with the seed and the run number, over members in id order and teams and projects in slug order.
 */
public final class OrgChurn {
    private OrgChurn() {
    }

    /** One change: its kind and the ids it touched (empty when not part of that kind). */
    public record Change(String kind, Optional<String> member, Optional<String> team, Optional<String> project,
                         Optional<String> from, Optional<String> to) {
        /** Checks every component. */
        public Change {
            Checks.nonBlank(kind, "kind");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** What one run changed, in the order it changed it. */
    public record Report(double percent, long seed, int run, List<Change> changes) {
        /** Copies the list. */
        public Report {
            changes = List.copyOf(changes);
        }

        /** The number of changes of each kind (kinds in name order). */
        public Map<String, Integer> counts() {
            Map<String, Integer> out = new TreeMap<>();
            changes.forEach(c -> out.merge(c.kind(), 1, Integer::sum));
            return out;
        }
    }

    /** Checks a churn percent: more than 0, at most 100. */
    public static double checkPercent(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percent must be more than 0 and at most 100: " + percent);
        }
        return percent;
    }

    /** Applies one run of churn to the state, atomically; {@code now} dates new members. */
    public static Report apply(OrgState state, double percent, long seed, int run, Instant now) {
        checkPercent(percent);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + run * 1_000_003L + 11);
        return state.atomically(() -> {
            List<Change> changes = new ArrayList<>();
            membersLeaveAndJoin(state, percent, rnd, now, changes);
            teamChanges(state, percent, rnd, changes);
            projectChanges(state, percent, rnd, changes);
            return new Report(percent, seed, run, changes);
        });
    }

    private static int share(int total, double percent) {
        return total == 0 ? 0 : (int) Math.ceil(total * percent / 100.0);
    }

    private static Change change(String kind, String member, String team, String project, String from, String to) {
        return new Change(kind, Optional.ofNullable(member), Optional.ofNullable(team), Optional.ofNullable(project),
                Optional.ofNullable(from), Optional.ofNullable(to));
    }

    private static void membersLeaveAndJoin(OrgState state, double percent, SplittableRandom rnd, Instant now,
                                            List<Change> changes) {
        int n = share(state.members().size(), percent);
        for (int i = 0; i < n; i++) {
            List<Member> leavers = state.members().stream().filter(m -> m.orgRole() != OrgRole.OWNER).toList();
            if (leavers.isEmpty()) {
                break;
            }
            Member m = leavers.get(rnd.nextInt(leavers.size()));
            state.removeMember(m.id());
            changes.add(change("member-left", m.id(), null, null, null, null));
        }
        for (int i = 0; i < n; i++) {
            String id = state.nextMemberId();
            long index = Long.parseLong(id) - OrgGenerator.MEMBER_ID_BASE;
            String first = OrgGenerator.FIRST[rnd.nextInt(OrgGenerator.FIRST.length)];
            String last = OrgGenerator.LAST[rnd.nextInt(OrgGenerator.LAST.length)];
            String name = first + " " + last;
            String email = (first + "." + last).toLowerCase().replace("-", "") + "." + index + "@example.com";
            User user = new User(String.valueOf(OrgGenerator.USER_ID_BASE + index), name, email, email, true,
                    rnd.nextBoolean(), true, false, now, Optional.of(now), Optional.of(now));
            state.join(new Member(id, email, name, OrgRole.MEMBER, MemberStatus.ACTIVE, Optional.of(user),
                    MemberFlags.none(), now, "approved", Optional.empty()));
            changes.add(change("member-joined", id, null, null, null, null));
        }
    }

    /** A membership: the team, the member and the stored role. */
    private record Membership(Team team, TeamMember member) {
    }

    private static List<Membership> memberships(OrgState state) {
        List<Membership> out = new ArrayList<>();
        for (Team t : state.teams()) {
            t.members().forEach(tm -> out.add(new Membership(t, tm)));
        }
        return out;
    }

    private static void teamChanges(OrgState state, double percent, SplittableRandom rnd, List<Change> changes) {
        List<Team> teams = state.teams();
        int n = share(memberships(state).size(), percent);
        for (int i = 0; i < n; i++) {
            List<Membership> all = memberships(state);
            if (all.isEmpty()) {
                break;
            }
            Membership ms = all.get(rnd.nextInt(all.size()));
            state.removeFromTeam(ms.team().id(), ms.member().memberId());
            changes.add(change("team-member-removed", ms.member().memberId(), ms.team().id(), null, null, null));
        }
        List<Member> active = state.members().stream().filter(m -> !m.pending()).toList();
        for (int i = 0; i < n && !teams.isEmpty() && !active.isEmpty(); i++) {
            for (int attempt = 0; attempt < 20; attempt++) {
                Team t = state.team(teams.get(rnd.nextInt(teams.size())).id()).orElseThrow();
                Member m = active.get(rnd.nextInt(active.size()));
                if (m.orgRole().teamRolesAllowed()
                        && t.members().stream().noneMatch(tm -> tm.memberId().equals(m.id()))) {
                    // added as Sentry adds: no stored role (the org role's minimum)
                    state.addToTeam(t.id(), m.id(), Optional.empty());
                    changes.add(change("team-member-added", m.id(), t.id(), null, null, null));
                    break;
                }
            }
        }
        // members whose effective org role (their own, or one a team gives) makes them admin of every team
        java.util.Set<String> teamAdmins = new java.util.HashSet<>();
        state.members().stream().filter(m -> m.orgRole().minimumTeamRole() == TeamRole.ADMIN)
                .forEach(m -> teamAdmins.add(m.id()));
        state.teams().stream().filter(t -> t.orgRole().map(r -> r.minimumTeamRole() == TeamRole.ADMIN).orElse(false))
                .forEach(t -> t.members().forEach(tm -> teamAdmins.add(tm.memberId())));
        for (int i = 0; i < n; i++) {
            List<Membership> candidates = memberships(state).stream()
                    .filter(ms -> !teamAdmins.contains(ms.member().memberId())).toList();
            if (candidates.isEmpty()) {
                break;
            }
            Membership ms = candidates.get(rnd.nextInt(candidates.size()));
            // stored null (contributor for these members) becomes admin, and admin becomes null
            Optional<TeamRole> from = ms.member().storedRole();
            Optional<TeamRole> to = from.isPresent() ? Optional.empty() : Optional.of(TeamRole.ADMIN);
            state.setTeamRole(ms.team().id(), ms.member().memberId(), to);
            changes.add(change("team-role-changed", ms.member().memberId(), ms.team().id(), null,
                    from.map(TeamRole::id).orElse(null), to.map(TeamRole::id).orElse(null)));
        }
    }

    private static void projectChanges(OrgState state, double percent, SplittableRandom rnd, List<Change> changes) {
        int n = share(state.projects().size(), percent);
        for (int i = 0; i < n; i++) {
            List<Project> withTeams = state.projects().stream().filter(p -> !p.teamIds().isEmpty()).toList();
            if (withTeams.isEmpty()) {
                break;
            }
            Project p = withTeams.get(rnd.nextInt(withTeams.size()));
            String teamId = p.teamIds().get(rnd.nextInt(p.teamIds().size()));
            state.removeProjectTeam(p.id(), teamId);
            changes.add(change("project-team-removed", null, teamId, p.id(), null, null));
        }
        List<Team> teams = state.teams();
        for (int i = 0; i < n && !teams.isEmpty(); i++) {
            List<Project> projects = state.projects();
            for (int attempt = 0; attempt < 20 && !projects.isEmpty(); attempt++) {
                Project p = projects.get(rnd.nextInt(projects.size()));
                Team t = teams.get(rnd.nextInt(teams.size()));
                if (!p.teamIds().contains(t.id())) {
                    state.addProjectTeam(p.id(), t.id());
                    changes.add(change("project-team-added", null, t.id(), p.id(), null, null));
                    break;
                }
            }
        }
    }
}
