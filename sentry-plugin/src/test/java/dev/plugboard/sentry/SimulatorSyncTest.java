package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.MemberStatus;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import dev.plugboard.simulator.model.TeamRole;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A full sync against the simulator (default SaaS rate limits) lists exactly the org, with the fewest requests. */
class SimulatorSyncTest {

    @ParameterizedTest(name = "{0} members, {1} teams, {2} projects")
    @CsvSource({
            "1, 0, 0",
            "50, 10, 20",
            "260, 7, 230",
            "120, 120, 5"})
    void fullSyncMatchesTheOrgWithTheMinimumRequests(int members, int teams, int projects) {
        SimulatorOptions options = SimulatorOptions.builder().seed(members * 31L + teams).members(members)
                .teams(teams).projects(projects).build();
        try (SentrySimulator sim = SentrySimulator.start(options)) {
            OrgSnapshot org = sim.org();
            TestConnectorContext ctx = TestConnectorContext.create();
            SyncWalker.Output out;
            try (SentryConnector c = SentryConnector.open(SimulatorFixture.config(sim), ctx, Tuning.defaults())) {
                out = SyncWalker.walk(c.resourceSync().orElseThrow());
            }
            assertMatches(org, out);
            long minimum = SimulatorFixture.minimumRequests(org);
            assertEquals(minimum, sim.stats().total(), "requests Sentry saw: " + sim.stats().perEndpoint());
            assertEquals(minimum, ctx.totalRequests(), "requests reported to the host");
            assertEquals(0, sim.stats().rateLimited(), "no 429 the pacer could have avoided");
            assertEquals(List.of(), ctx.retries());
            assertEquals(1, ctx.requests(Endpoint.ORGANIZATION.operation()), "org detail fetched once");
            if (teams >= 5 && members > 150) {
                assertTrue(org.teams().stream().anyMatch(t -> t.members().size() > 100), "a team of > 100 members");
            }
            if (teams >= 5) {
                assertTrue(org.teams().stream().anyMatch(t -> t.members().isEmpty()), "an empty team");
            }
        }
    }

    /** Compares a sync's output with the generated organization, exactly. */
    static void assertMatches(OrgSnapshot org, SyncWalker.Output out) {
        // resources: ids per type, no duplicates
        Map<String, List<String>> ids = out.resources().stream().collect(Collectors.groupingBy(Resource::type,
                Collectors.mapping(Resource::id, Collectors.toList())));
        assertEquals(List.of(org.organization().id()), ids.get("organization"));
        assertEquals(org.members().stream().map(Member::id).toList(), ids.get("user"));
        assertEquals(Arrays.stream(OrgRole.values()).map(OrgRole::id).toList(), ids.get("role"));
        assertEquals(org.teams().stream().map(Team::id).toList(), ids.getOrDefault("team", List.of()));
        assertEquals(org.projects().stream().map(Project::id).toList(), ids.getOrDefault("project", List.of()));

        // user profiles
        Map<String, Resource> users = out.resources().stream().filter(r -> r.type().equals("user"))
                .collect(Collectors.toMap(Resource::id, r -> r));
        for (Member m : org.members()) {
            Map<String, Object> p = new LinkedHashMap<>();
            String name = m.user().map(u -> u.name()).orElse(m.email());
            p.put("email", m.email());
            p.put("name", name);
            p.put("status", m.status() == MemberStatus.ACTIVE ? "active"
                    : m.status() == MemberStatus.INVITED ? "invited" : "expired");
            m.user().ifPresent(u -> p.put("userId", u.id()));
            p.put("has2fa", m.user().map(u -> u.has2fa()).orElse(false));
            p.put("ssoLinked", m.flags().ssoLinked());
            p.put("idpProvisioned", m.flags().idpProvisioned());
            p.put("orgRole", m.orgRole().id());
            List<String> groupOrgRoles = org.teams().stream().filter(t -> t.orgRole().isPresent()
                    && t.members().stream().anyMatch(tm -> tm.memberId().equals(m.id())))
                    .map(t -> t.orgRole().get().id() + " (team " + t.slug() + ")").toList();
            if (!groupOrgRoles.isEmpty()) {
                p.put("groupOrgRoles", groupOrgRoles);
            }
            p.put("dateCreated", m.dateCreated());
            m.user().flatMap(u -> u.lastLogin()).ifPresent(t -> p.put("lastLogin", t));
            m.user().flatMap(u -> u.lastActive()).ifPresent(t -> p.put("lastActive", t));
            Resource r = users.get(m.id());
            assertEquals(p, r.profile(), "profile of member " + m.id());
            assertEquals(name, r.displayName());
        }
        Resource orgResource = out.resources().stream().filter(r -> r.type().equals("organization")).findFirst()
                .orElseThrow();
        assertEquals(org.organization().slug(), orgResource.profile().get("slug"));
        assertEquals(org.organization().name(), orgResource.displayName());
        for (Team t : org.teams()) {
            Resource r = out.resources().stream().filter(x -> x.ref().equals(new ResourceRef("team", t.id())))
                    .findFirst().orElseThrow();
            assertEquals(t.slug(), r.profile().get("slug"));
            assertEquals(t.orgRole().map(x -> x.id()).orElse(null), r.profile().get("orgRole"));
            assertEquals(t.name(), r.displayName());
        }

        // entitlements: assigned per role, member+admin per team, access per project
        Set<String> expectedEntitlements = new TreeSet<>();
        Arrays.stream(OrgRole.values()).forEach(r -> expectedEntitlements.add("role:" + r.id() + ":assigned"));
        org.teams().forEach(t -> {
            expectedEntitlements.add("team:" + t.id() + ":member");
            expectedEntitlements.add("team:" + t.id() + ":admin");
        });
        org.projects().forEach(p -> expectedEntitlements.add("project:" + p.id() + ":access"));
        List<String> entitlementIds = out.entitlements().stream().map(Entitlement::id).toList();
        assertEquals(entitlementIds.size(), new HashSet<>(entitlementIds).size(), "entitlement ids are unique");
        assertEquals(expectedEntitlements, new TreeSet<>(entitlementIds));

        // grants: org role per member, team membership (and admin) per team member, project access per team
        Set<String> expected = new TreeSet<>();
        for (Member m : org.members()) {
            expected.add("role:" + m.orgRole().id() + ":assigned:user:" + m.id());
        }
        // team admin on every path Sentry gives it (issue 13): the stored role, the member's own org role, and an
        // org role a team gives; a team carrying an org role grants it to the team, expandable to its members
        for (Team t : org.teams()) {
            t.orgRole().ifPresent(r -> expected.add("role:" + r.id() + ":assigned:team:" + t.id()));
            for (TeamMember tm : t.members()) {
                String admin = "team:" + t.id() + ":admin:user:" + tm.memberId();
                expected.add("team:" + t.id() + ":member:user:" + tm.memberId());
                if (tm.storedRole().filter(r -> r == TeamRole.ADMIN).isPresent()) {
                    expected.add(admin);
                }
                // one grant per org role with minimum team role admin, the member's own or a team's
                OrgRole own = org.member(tm.memberId()).orElseThrow().orgRole();
                if (own.minimumTeamRole() == TeamRole.ADMIN) {
                    expected.add(admin + ":org-role:" + own.id());
                }
                for (Team carrier : org.teams()) {
                    if (carrier.orgRole().filter(r -> r.minimumTeamRole() == TeamRole.ADMIN).isPresent()
                            && carrier.members().stream().anyMatch(x -> x.memberId().equals(tm.memberId()))) {
                        expected.add(admin + ":org-role:" + carrier.orgRole().get().id());
                    }
                }
            }
        }
        for (Project p : org.projects()) {
            for (String teamId : p.teamIds()) {
                expected.add("project:" + p.id() + ":access:team:" + teamId);
            }
        }
        List<String> grantIds = out.grants().stream().map(Grant::id).toList();
        assertEquals(grantIds.size(), new HashSet<>(grantIds).size(), "grant ids are unique");
        assertEquals(expected, new TreeSet<>(grantIds));
        for (Grant g : out.grants()) {
            assertTrue(g.id().startsWith(Grant.idOf(g.entitlementId(), g.principal())), g.id());
            assertTrue(expectedEntitlements.contains(g.entitlementId()), g.id());
            // an org role's team admin is held via the role and the team's membership: a path, not a direct grant
            String[] orgRole = g.id().split(":org-role:");
            assertEquals(orgRole.length == 2 ? List.of("role:" + orgRole[1] + ":assigned", g.entitlementId()
                    .replace(":admin", ":member")) : List.of(), g.via(), g.id());
            if (g.entitlementId().startsWith("project:") || g.principal().type().equals("team")) {
                assertEquals(List.of("team:" + g.principal().id() + ":member"), g.expandableFrom());
            } else {
                assertEquals(List.of(), g.expandableFrom(), g.id());
            }
        }
        // every principal exists
        Set<ResourceRef> refs = out.resources().stream().map(Resource::ref).collect(Collectors.toSet());
        List<ResourceRef> dangling = new ArrayList<>();
        out.grants().stream().map(Grant::principal).filter(r -> !refs.contains(r)).forEach(dangling::add);
        assertEquals(List.of(), dangling);
    }
}
