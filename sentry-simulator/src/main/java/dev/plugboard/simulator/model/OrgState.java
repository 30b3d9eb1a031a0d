package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The simulated organization's live, thread-safe state: provisioning endpoints change it and later reads see the
 * change. Records are immutable; a change replaces a record under the write lock.
 */
public final class OrgState {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Organization organization;
    private final TreeMap<Long, Member> members = new TreeMap<>();
    private final Map<String, Team> teamsById = new HashMap<>();
    private final TreeMap<String, String> teamIdsBySlug = new TreeMap<>();
    private final Map<String, Project> projectsById = new HashMap<>();
    private final TreeMap<String, String> projectIdsBySlug = new TreeMap<>();
    private final Map<String, Integer> projectIndex = new HashMap<>();
    private final List<Repository> repositories;
    private final List<AccessRequest> accessRequests = new ArrayList<>();
    private final Map<String, ProjectData> projectData = new ConcurrentHashMap<>();
    private final ProjectDataFactory dataFactory;
    private long nextMemberId;

    /** Generates a project's report data from its generation index. */
    @FunctionalInterface
    public interface ProjectDataFactory {
        /** The data of the project. */
        ProjectData create(Project project, int index);
    }

    /** A team access request (the 202 answer of adding a member to a team without the scope to do it). */
    public record AccessRequest(String memberId, String teamId, Instant requestedAt) {
    }

    /** The result of adding a member to a team. */
    public enum AddResult {
        /** Added (201). */
        ADDED,
        /** Already a member (204). */
        ALREADY_MEMBER
    }

    /** State initialized from a generated organization. */
    public OrgState(OrgGenerator.Generated generated, ProjectDataFactory dataFactory) {
        this.organization = generated.organization();
        this.dataFactory = dataFactory;
        for (Member m : generated.members()) {
            members.put(Long.parseLong(m.id()), m);
        }
        nextMemberId = members.isEmpty() ? OrgGenerator.MEMBER_ID_BASE : members.lastKey() + 1;
        for (Team t : generated.teams()) {
            teamsById.put(t.id(), t);
            teamIdsBySlug.put(t.slug(), t.id());
        }
        int i = 0;
        for (Project p : generated.projects()) {
            projectsById.put(p.id(), p);
            projectIdsBySlug.put(p.slug(), p.id());
            projectIndex.put(p.id(), i++);
        }
        this.repositories = List.copyOf(generated.repositories());
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs several changes as one: readers see all of them or none. The lock is reentrant, so the body may call
     * the other methods of this state.
     */
    public <T> T atomically(Supplier<T> body) {
        return write(body);
    }

    /** The organization. */
    public Organization organization() {
        return organization;
    }

    /** An immutable view of everything now. */
    public OrgSnapshot snapshot() {
        return read(() -> new OrgSnapshot(organization, List.copyOf(members.values()), teamsLocked(),
                projectsLocked(), repositories));
    }

    /** Members in id order. */
    public List<Member> members() {
        return read(() -> List.copyOf(members.values()));
    }

    /** The member with this id. */
    public Optional<Member> member(String id) {
        return read(() -> parseId(id).map(members::get));
    }

    /** The member with this email (case-insensitive). */
    public Optional<Member> memberByEmail(String email) {
        return read(() -> members.values().stream().filter(m -> m.email().equalsIgnoreCase(email)).findFirst());
    }

    /** Teams in slug order. */
    public List<Team> teams() {
        return read(this::teamsLocked);
    }

    private List<Team> teamsLocked() {
        List<Team> out = new ArrayList<>(teamIdsBySlug.size());
        for (String id : teamIdsBySlug.values()) {
            out.add(teamsById.get(id));
        }
        return out;
    }

    /** The team with this id or slug. */
    public Optional<Team> team(String idOrSlug) {
        return read(() -> {
            Team byId = teamsById.get(idOrSlug);
            if (byId != null) {
                return Optional.of(byId);
            }
            return Optional.ofNullable(teamIdsBySlug.get(idOrSlug)).map(teamsById::get);
        });
    }

    /** Projects in slug order. */
    public List<Project> projects() {
        return read(this::projectsLocked);
    }

    private List<Project> projectsLocked() {
        List<Project> out = new ArrayList<>(projectIdsBySlug.size());
        for (String id : projectIdsBySlug.values()) {
            out.add(projectsById.get(id));
        }
        return out;
    }

    /** The project with this id or slug. */
    public Optional<Project> project(String idOrSlug) {
        return read(() -> {
            Project byId = projectsById.get(idOrSlug);
            if (byId != null) {
                return Optional.of(byId);
            }
            return Optional.ofNullable(projectIdsBySlug.get(idOrSlug)).map(projectsById::get);
        });
    }

    /** Repositories in id order. */
    public List<Repository> repositories() {
        return repositories;
    }

    /** Team access requests created so far. */
    public List<AccessRequest> accessRequests() {
        return read(() -> List.copyOf(accessRequests));
    }

    /** The teams a member belongs to (slug order), with the membership (its stored team role). */
    public List<Map.Entry<Team, TeamMember>> teamsOf(String memberId) {
        return read(() -> {
            List<Map.Entry<Team, TeamMember>> out = new ArrayList<>();
            for (Team t : teamsLocked()) {
                for (TeamMember tm : t.members()) {
                    if (tm.memberId().equals(memberId)) {
                        out.add(Map.entry(t, tm));
                        break;
                    }
                }
            }
            return out;
        });
    }

    /**
     * The org roles a member holds through teams that carry one (Sentry's {@code groupOrgRoles}), highest first:
     * each team with its role.
     */
    public List<Map.Entry<Team, OrgRole>> groupOrgRoles(String memberId) {
        return groupOrgRoles().getOrDefault(memberId, List.of());
    }

    /** {@link #groupOrgRoles(String)} of every member that has any, by member id (one pass over the teams). */
    public Map<String, List<Map.Entry<Team, OrgRole>>> groupOrgRoles() {
        return read(() -> {
            Map<String, List<Map.Entry<Team, OrgRole>>> out = new HashMap<>();
            for (Team t : teamsLocked()) {
                if (t.orgRole().isEmpty()) {
                    continue;
                }
                for (TeamMember tm : t.members()) {
                    out.computeIfAbsent(tm.memberId(), k -> new ArrayList<>()).add(Map.entry(t, t.orgRole().get()));
                }
            }
            out.values().forEach(l -> l.sort((a, b) -> Integer.compare(b.getValue().priority(),
                    a.getValue().priority())));
            return out;
        });
    }

    /** The highest of a member's own org role and the org roles of its teams. */
    public OrgRole effectiveOrgRole(Member m) {
        OrgRole role = m.orgRole();
        for (Map.Entry<Team, OrgRole> e : groupOrgRoles(m.id())) {
            role = role.max(e.getValue());
        }
        return role;
    }

    /** The projects a team has access to (slug order). */
    public List<Project> projectsOf(String teamId) {
        return read(() -> projectsLocked().stream().filter(p -> p.teamIds().contains(teamId)).toList());
    }

    /** The report data of a project, generated on first use. */
    public ProjectData projectData(Project project) {
        int index = read(() -> projectIndex.get(project.id()));
        return projectData.computeIfAbsent(project.id(), id -> dataFactory.create(project, index));
    }

    /** The project with the given generation index, if any. */
    public Optional<Project> projectAtIndex(int index) {
        return project(String.valueOf(OrgGenerator.PROJECT_ID_BASE + index));
    }

    /** The generation index of a project. */
    public int indexOf(Project project) {
        return read(() -> projectIndex.get(project.id()));
    }

    /** The id the next new member gets. */
    public String nextMemberId() {
        return read(() -> String.valueOf(nextMemberId));
    }

    /** Adds a member that joined (an active member with a user); its id must be {@link #nextMemberId()}. */
    public Member join(Member member) {
        return write(() -> {
            if (Long.parseLong(member.id()) != nextMemberId) {
                throw new IllegalArgumentException("a new member must have id " + nextMemberId + ": " + member.id());
            }
            nextMemberId++;
            members.put(Long.parseLong(member.id()), member);
            return member;
        });
    }

    /** Replaces a project's report data (generated first if it was not yet), atomically. */
    public ProjectData updateProjectData(Project project, java.util.function.UnaryOperator<ProjectData> change) {
        ProjectData current = projectData(project);
        return projectData.compute(project.id(), (id, old) -> change.apply(old == null ? current : old));
    }

    /** Adds an invited member. */
    public Member invite(String email, OrgRole role, Instant now, String inviterName,
                         Map<String, Optional<TeamRole>> teamRolesById) {
        return write(() -> {
            Member m = new Member(String.valueOf(nextMemberId++), email, "", role, MemberStatus.INVITED,
                    Optional.empty(), MemberFlags.none(), now, "approved", Optional.of(inviterName));
            members.put(Long.parseLong(m.id()), m);
            teamRolesById.forEach((teamId, teamRole) -> addLocked(teamId, m.id(), teamRole));
            return m;
        });
    }

    /** Removes a member and its team memberships; false if there was none. */
    public boolean removeMember(String memberId) {
        return write(() -> {
            Optional<Long> key = parseId(memberId);
            if (key.isEmpty() || members.remove(key.get()) == null) {
                return false;
            }
            for (Team t : List.copyOf(teamsById.values())) {
                removeLocked(t.id(), memberId);
            }
            return true;
        });
    }

    /** Changes a member's org role. */
    public Member setOrgRole(String memberId, OrgRole role) {
        return write(() -> {
            long key = Long.parseLong(memberId);
            Member changed = members.get(key).withOrgRole(role);
            members.put(key, changed);
            return changed;
        });
    }

    /** Makes a member's team set exactly these teams (ids) with these stored roles. */
    public void setTeams(String memberId, Map<String, Optional<TeamRole>> teamRolesById) {
        write(() -> {
            for (Team t : List.copyOf(teamsById.values())) {
                if (!teamRolesById.containsKey(t.id())) {
                    removeLocked(t.id(), memberId);
                }
            }
            teamRolesById.forEach((teamId, role) -> {
                removeLocked(teamId, memberId);
                addLocked(teamId, memberId, role);
            });
            return null;
        });
    }

    /** Adds a member to a team with a stored role (empty: the org role's minimum). */
    public AddResult addToTeam(String teamId, String memberId, Optional<TeamRole> role) {
        return write(() -> addLocked(teamId, memberId, role));
    }

    private AddResult addLocked(String teamId, String memberId, Optional<TeamRole> role) {
        Team t = teamsById.get(teamId);
        if (t.members().stream().anyMatch(tm -> tm.memberId().equals(memberId))) {
            return AddResult.ALREADY_MEMBER;
        }
        List<TeamMember> list = new ArrayList<>(t.members());
        list.add(new TeamMember(memberId, role));
        list.sort((a, b) -> Long.compare(Long.parseLong(a.memberId()), Long.parseLong(b.memberId())));
        teamsById.put(teamId, t.withMembers(list));
        return AddResult.ADDED;
    }

    /** Removes a member from a team; false if it was not a member. */
    public boolean removeFromTeam(String teamId, String memberId) {
        return write(() -> removeLocked(teamId, memberId));
    }

    private boolean removeLocked(String teamId, String memberId) {
        Team t = teamsById.get(teamId);
        List<TeamMember> list = new ArrayList<>(t.members());
        boolean removed = list.removeIf(tm -> tm.memberId().equals(memberId));
        if (removed) {
            teamsById.put(teamId, t.withMembers(list));
        }
        return removed;
    }

    /** Stores a member's role on a team (empty: null); false if it is not a member. */
    public boolean setTeamRole(String teamId, String memberId, Optional<TeamRole> role) {
        return write(() -> {
            Team t = teamsById.get(teamId);
            List<TeamMember> list = new ArrayList<>(t.members());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).memberId().equals(memberId)) {
                    list.set(i, new TeamMember(memberId, role));
                    teamsById.put(teamId, t.withMembers(list));
                    return true;
                }
            }
            return false;
        });
    }

    /** Records a team access request. */
    public void requestAccess(String memberId, String teamId, Instant now) {
        write(() -> accessRequests.add(new AccessRequest(memberId, teamId, now)));
    }

    /** Gives a team access to a project (idempotent); the changed project. */
    public Project addProjectTeam(String projectId, String teamId) {
        return write(() -> {
            Project p = projectsById.get(projectId);
            if (!p.teamIds().contains(teamId)) {
                List<String> ids = new ArrayList<>(p.teamIds());
                ids.add(teamId);
                p = p.withTeamIds(ids);
                projectsById.put(projectId, p);
            }
            return p;
        });
    }

    /** Takes a team's access to a project away (idempotent); the changed project. */
    public Project removeProjectTeam(String projectId, String teamId) {
        return write(() -> {
            Project p = projectsById.get(projectId);
            List<String> ids = new ArrayList<>(p.teamIds());
            if (ids.remove(teamId)) {
                p = p.withTeamIds(ids);
                projectsById.put(projectId, p);
            }
            return p;
        });
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
