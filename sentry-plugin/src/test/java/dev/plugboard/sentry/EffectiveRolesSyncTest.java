package dev.plugboard.sentry;

import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's organization (managers in teams, a team carrying an org role, a member reaching a project through two
 * teams, dormant members): the sync grants each effective access on each path, with last activity, in the minimum
 * number of requests.
 */
class EffectiveRolesSyncTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

    @Test
    void effectiveGrantsOnEveryPathWithLastActivity() {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(80).teams(8)
                .projects(12).fixedNow(NOW).build())) {
            OrgSnapshot org = sim.org();
            TestConnectorContext ctx = TestConnectorContext.create();
            SyncWalker.Output out;
            try (SentryConnector c = SentryConnector.open(SimulatorFixture.config(sim), ctx, Tuning.defaults())) {
                out = SyncWalker.walk(c.resourceSync().orElseThrow());
            }
            Set<String> grants = out.grants().stream().map(Grant::id).collect(Collectors.toSet());

            // a manager in the first team: nothing stored, admin through the org role, and the grant says so
            Team first = org.teamsById().get("3000001");
            Member manager = org.members().stream().filter(m -> !m.pending() && m.orgRole() == OrgRole.MANAGER)
                    .findFirst().orElseThrow();
            assertTrue(first.members().contains(TeamMember.minimum(manager.id())));
            String admin = "team:" + first.id() + ":admin:user:" + manager.id();
            assertTrue(grants.contains(admin + ":org-role:manager"), admin);
            assertFalse(grants.contains(admin), "no stored admin role, so no plain grant");

            // the team carrying an org role grants it to the team, expandable to its members
            Team carrier = org.teams().stream().filter(t -> t.orgRole().isPresent()).findFirst().orElseThrow();
            Grant teamRole = out.grants().stream().filter(g -> g.id().equals("role:manager:assigned:team:"
                    + carrier.id())).findFirst().orElseThrow();
            assertEquals(List.of("team:" + carrier.id() + ":member"), teamRole.expandableFrom());

            // a member reaching a project through two teams: two expandable grants of the project lead to them
            Project shared = org.projects().stream().filter(p -> p.teamIds().size() >= 2).findFirst().orElseThrow();
            Member plain = org.members().stream().filter(m -> !m.pending() && m.orgRole() == OrgRole.MEMBER)
                    .findFirst().orElseThrow();
            for (String teamId : shared.teamIds().subList(0, 2)) {
                assertTrue(grants.contains("team:" + teamId + ":member:user:" + plain.id()));
                assertTrue(grants.contains("project:" + shared.id() + ":access:team:" + teamId));
            }

            // dormant members: one who never logged in (no lastLogin), one last active more than 90 days ago
            List<Resource> users = out.resources().stream().filter(r -> r.type().equals("user")
                    && "active".equals(r.profile().get("status"))).toList();
            assertTrue(users.stream().anyMatch(u -> !u.profile().containsKey("lastLogin")));
            assertTrue(users.stream().anyMatch(u -> u.profile().get("lastActive") instanceof Instant i
                    && i.isBefore(NOW.minus(Duration.ofDays(90)))));

            long minimum = SimulatorFixture.minimumRequests(org);
            assertEquals(minimum, sim.stats().total(), "requests Sentry saw: " + sim.stats().perEndpoint());
        }
    }
}
