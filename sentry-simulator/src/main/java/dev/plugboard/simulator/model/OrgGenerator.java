package dev.plugboard.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Generates a deterministic organization from a seed and sizes: the same inputs give the same data.
 * Members include open and expired invites, every org role, and dormant members (no login, or none for months);
 * teams include big (more than 100 members), IdP-provisioned and empty ones, owners and managers (team admins
 * through their org role), and one team carrying an org role; projects are shared by several teams, and a member
 * reaches one through two teams. Team roles are stored raw, as Sentry stores them (null: the org role's minimum).
 */
public final class OrgGenerator {
    /** First member id; member {@code i} has id {@code MEMBER_ID_BASE + i}. */
    public static final long MEMBER_ID_BASE = 100_001;
    /** First user id. */
    public static final long USER_ID_BASE = 2_000_001;
    /** First team id. */
    public static final long TEAM_ID_BASE = 3_000_001;
    /** First project id; project {@code i} (generation order) has id {@code PROJECT_ID_BASE + i}. */
    public static final long PROJECT_ID_BASE = 4_500_001;
    /** First repository id. */
    public static final long REPO_ID_BASE = 6_000_001;

    static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances",
        "Edsger", "Radia", "Donald", "Katherine", "John", "Sophie", "Tim", "Hedy", "Guido", "Anita", "James", "Mary",
        "Bjarne", "Lynn", "Niklaus", "Joan", "Brian", "Evelyn", "Rob", "Shafi", "Leslie", "Carol", "Vint", "Jean",
        "Yukihiro", "Elena", "Rasmus", "Ines", "Mateo", "Priya", "Kwame"};
    static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Ritchie", "Liskov",
        "Thompson", "Allen", "Dijkstra", "Perlman", "Knuth", "Johnson", "Backus", "Wilson", "Berners-Lee", "Lamarr",
        "Rossum", "Borg", "Gosling", "Kenneth", "Stroustrup", "Conway", "Wirth", "Clarke", "Kernighan", "Boyd", "Pike",
        "Goldwasser", "Lamport", "Shaw", "Cerf", "Sammet", "Matsumoto", "Garcia", "Lerdorf", "Moreau", "Silva",
        "Raman", "Mensah"};
    static final String[] TEAM_WORDS = {"backend", "frontend", "mobile", "platform", "payments", "search", "infra",
        "data", "growth", "security", "billing", "identity", "checkout", "ml", "sre", "design", "qa", "api", "web",
        "ios", "android", "devex", "observability", "storage"};
    static final String[] PLATFORMS = {"python", "javascript", "java", "go", "node", "ruby", "php", "csharp",
        "javascript-react", "python-django", "java-spring-boot", "apple-ios", "android", "rust"};
    static final String[] PROJECT_WORDS = {"api", "web", "worker", "gateway", "app", "dashboard", "cron", "mailer",
        "ingest", "auth", "store", "reports", "admin", "checkout", "search", "sync"};

    private OrgGenerator() {
    }

    /** The generated organization (mutable state is built from it). */
    public record Generated(Organization organization, List<Member> members, List<Team> teams, List<Project> projects,
                            List<Repository> repositories) {
    }

    /** Generates the organization for a seed and sizes, relative to {@code now}. */
    public static Generated generate(long seed, String slug, int memberCount, int teamCount, int projectCount,
                                     int repoCount, Instant now) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant orgCreated = now.minus(Duration.ofDays(1000 + rnd.nextInt(500)));
        Organization org = new Organization(String.valueOf(1_000 + Math.floorMod(seed, 1000)), slug,
                title(slug), orgCreated);
        long lifetimeSeconds = Duration.between(orgCreated, now).getSeconds();

        // a second stream for what later versions added (activity, team org roles), so the first stream, and the
        // names, roles and sizes it gives, stay as they were for a seed
        SplittableRandom activity = new SplittableRandom(seed ^ 0x5EEDAC7L);
        List<Member> members = new ArrayList<>(memberCount);
        Member owner = null;
        for (int i = 0; i < memberCount; i++) {
            String first = FIRST[rnd.nextInt(FIRST.length)];
            String last = LAST[rnd.nextInt(LAST.length)];
            String name = first + " " + last;
            String email = (first + "." + last).toLowerCase().replace("-", "") + "." + i + "@example.com";
            double s = rnd.nextDouble();
            MemberStatus status = i == 0 ? MemberStatus.ACTIVE
                    : s < 0.04 ? MemberStatus.INVITED : s < 0.06 ? MemberStatus.EXPIRED : MemberStatus.ACTIVE;
            double r = rnd.nextDouble();
            OrgRole role = i == 0 ? OrgRole.OWNER
                    : r < 0.03 ? OrgRole.OWNER : r < 0.08 ? OrgRole.MANAGER : r < 0.13 ? OrgRole.ADMIN
                    : r < 0.15 ? OrgRole.BILLING : OrgRole.MEMBER;
            Instant created = orgCreated.plusSeconds((long) (rnd.nextDouble() * lifetimeSeconds));
            String id = String.valueOf(MEMBER_ID_BASE + i);
            Member m;
            if (status == MemberStatus.ACTIVE) {
                boolean idp = rnd.nextDouble() < 0.10;
                MemberFlags flags = new MemberFlags(rnd.nextDouble() < 0.6, false, idp, idp && rnd.nextBoolean(),
                        false, false);
                Optional<Instant> lastLogin = rnd.nextDouble() < 0.9
                        ? Optional.of(now.minusSeconds(rnd.nextInt(30 * 86_400))) : Optional.empty();
                Optional<Instant> lastActive = lastLogin;
                if (lastLogin.isPresent() && activity.nextDouble() < 0.12) {
                    // dormant: last login and last activity months ago
                    Instant longAgo = now.minus(Duration.ofDays(120 + activity.nextInt(280)));
                    lastLogin = Optional.of(longAgo.isBefore(created) ? created : longAgo);
                    lastActive = Optional.of(lastLogin.get().plusSeconds(activity.nextInt(5 * 86_400)));
                } else if (lastLogin.isPresent()) {
                    lastActive = Optional.of(min(now, lastLogin.get().plusSeconds(activity.nextInt(3 * 86_400))));
                }
                User user = new User(String.valueOf(USER_ID_BASE + i), name, email, email, true,
                        rnd.nextBoolean(), rnd.nextDouble() < 0.7, false, created, lastLogin, lastActive);
                m = new Member(id, email, name, role, status, Optional.of(user), flags, created, "approved",
                        Optional.empty());
            } else {
                String inviteStatus = rnd.nextDouble() < 0.1 ? "requested_to_be_invited" : "approved";
                m = new Member(id, email, "", role, status, Optional.empty(), MemberFlags.none(), created,
                        inviteStatus, Optional.of(owner.name()));
            }
            if (i == 0) {
                owner = m;
            }
            members.add(m);
        }

        int[] active = members.stream().filter(m -> !m.pending()).mapToInt(m -> (int) (Long.parseLong(m.id())
                - MEMBER_ID_BASE)).toArray();
        List<Team> teams = new ArrayList<>(teamCount);
        int avg = Math.max(3, Math.min(60, active.length * 3 / Math.max(1, teamCount)));
        for (int t = 0; t < teamCount; t++) {
            String word = TEAM_WORDS[rnd.nextInt(TEAM_WORDS.length)];
            String teamSlug = word + "-" + t;
            int size;
            if (teamCount >= 5 && t >= teamCount - 2) {
                size = 0; // empty teams
            } else if (t == 0 && active.length > 150) {
                size = Math.min(active.length, 150 + rnd.nextInt(100));
            } else if (t == 1 && teamCount >= 4 && active.length > 101) {
                size = Math.min(active.length, 101 + rnd.nextInt(50));
            } else {
                size = Math.min(active.length, 1 + rnd.nextInt(2 * avg));
            }
            // partial Fisher-Yates over the active members: O(size) per team
            for (int k = 0; k < size; k++) {
                int j = k + rnd.nextInt(active.length - k);
                int tmp = active[k];
                active[k] = active[j];
                active[j] = tmp;
            }
            int[] chosen = Arrays.copyOf(active, size);
            Arrays.sort(chosen);
            List<TeamMember> tm = new ArrayList<>(size);
            for (int idx : chosen) {
                Member m = members.get(idx);
                // stored raw, as Sentry stores it: mostly null (the org role's minimum), sometimes admin
                Optional<TeamRole> stored = rnd.nextDouble() < 0.1 ? Optional.of(TeamRole.ADMIN) : Optional.empty();
                if (m.orgRole().teamRolesAllowed()) {
                    tm.add(new TeamMember(m.id(), stored));
                }
            }
            boolean idp = (t == 2 && teamCount >= 3) || (t > 2 && rnd.nextDouble() < 0.08);
            String teamName = Character.toUpperCase(word.charAt(0)) + word.substring(1) + " " + t;
            teams.add(new Team(String.valueOf(TEAM_ID_BASE + t), teamSlug, teamName,
                    orgCreated.plusSeconds((long) (rnd.nextDouble() * lifetimeSeconds)), idp, tm, Optional.empty()));
        }
        OrgShapes.managersAndOwnersInTeams(members, teams);
        OrgShapes.teamWithOrgRole(teams);

        List<Project> projects = new ArrayList<>(projectCount);
        for (int p = 0; p < projectCount; p++) {
            String word = PROJECT_WORDS[rnd.nextInt(PROJECT_WORDS.length)];
            String platform = PLATFORMS[rnd.nextInt(PLATFORMS.length)];
            String projectSlug = word + "-" + p;
            List<String> teamIds = new ArrayList<>();
            if (teamCount > 0 && !(projectCount >= 10 && rnd.nextDouble() < 0.03)) {
                int n = rnd.nextDouble() < 0.3 ? 2 + rnd.nextInt(2) : 1;
                for (int k = 0; k < n; k++) {
                    String teamId = teams.get(rnd.nextInt(teamCount)).id();
                    if (!teamIds.contains(teamId)) {
                        teamIds.add(teamId);
                    }
                }
            }
            projects.add(new Project(String.valueOf(PROJECT_ID_BASE + p), projectSlug,
                    Character.toUpperCase(word.charAt(0)) + word.substring(1) + " " + p,
                    rnd.nextDouble() < 0.05 ? Optional.empty() : Optional.of(platform),
                    orgCreated.plusSeconds((long) (rnd.nextDouble() * lifetimeSeconds)), teamIds));
        }

        List<Repository> repos = new ArrayList<>(repoCount);
        for (int i = 0; i < repoCount; i++) {
            String word = PROJECT_WORDS[rnd.nextInt(PROJECT_WORDS.length)] + "-" + i;
            boolean github = rnd.nextDouble() < 0.8;
            String name = slug + "/" + word;
            repos.add(new Repository(String.valueOf(REPO_ID_BASE + i), name,
                    (github ? "https://github.com/" : "https://gitlab.com/") + name,
                    github ? "integrations:github" : "integrations:gitlab",
                    rnd.nextDouble() < 0.2 ? "hidden" : "active", name, github ? "501" : "502",
                    orgCreated.plusSeconds((long) (rnd.nextDouble() * lifetimeSeconds))));
        }
        OrgShapes.memberThroughTwoTeams(members, teams, projects);
        OrgShapes.dormantAndNeverLoggedIn(members, now);
        return new Generated(org, members, teams, projects, repos);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String title(String slug) {
        StringBuilder b = new StringBuilder();
        for (String part : slug.split("-")) {
            if (!part.isEmpty()) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return b.toString();
    }
}
