package dev.plugboard.sentry;

import dev.plugboard.conformance.ConformanceFixture;
import dev.plugboard.conformance.ConnectorConformanceSuite;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.spi.ResourceRef;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The Sentry plugin's built jar against the conformance suite, with the simulator as the backend. Runs with
 * failsafe after 'package'.
 */
class SentryConformanceIT extends ConnectorConformanceSuite {
    private SentrySimulator sim;

    @Override
    public ConformanceFixture fixture() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(12).teams(3).projects(4).build());
        OrgSnapshot org = sim.org();
        Path jar = Path.of(System.getProperty("plugboard.plugin.jar", "target/sentry-plugin.jar"));
        // a team and an active member who is not in it, for the provisioning round-trip
        String entitlement = null;
        String principal = null;
        for (Team team : org.teams()) {
            for (Member m : org.members()) {
                if (entitlement == null && !m.pending() && !m.expired()
                        && team.members().stream().noneMatch(tm -> tm.memberId().equals(m.id()))) {
                    entitlement = "team:" + team.id() + ":member";
                    principal = m.id();
                }
            }
        }
        if (entitlement == null) {
            throw new IllegalStateException("the simulated org has no active member outside a team");
        }
        String issue = org.projects().stream()
                .flatMap(p -> sim.projectData(p.slug()).stream())
                .flatMap(d -> d.issues().stream())
                .findFirst().orElseThrow(() -> new IllegalStateException("the simulated org has no issue"))
                .id();
        return ConformanceFixture.builder(jar, Map.of("authToken", sim.token(), "organization", sim.organization(),
                        "baseUrl", sim.baseUrl()))
                .badCredential(Map.of("authToken", "sntryu_refused_by_the_simulator_0000",
                        "organization", sim.organization(), "baseUrl", sim.baseUrl()))
                .badConfig("an organization that does not exist", Map.of("authToken", sim.token(),
                        "organization", "no-such-org", "baseUrl", sim.baseUrl()))
                .provisioning(entitlement, new ResourceRef("user", principal))
                .reportParameters("team-projects", Map.of("teams", "all"))
                .reportParameters("event-counts-team", Map.of("teams", "all"))
                .reportParameters("project-users", Map.of("projects", "all"))
                .reportParameters("project-feedback", Map.of("projects", "all"))
                .reportParameters("project-events", Map.of("projects", "all"))
                .reportParameters("project-events-entries", Map.of("projects", "all"))
                .reportParameters("project-issues", Map.of("projects", "all"))
                .reportParameters("event-counts-project", Map.of("projects", "all"))
                .reportParameters("issue-events", Map.of("issue", issue))
                .reportParameters("issue-events-entries", Map.of("issue", issue))
                .build();
    }

    @AfterAll
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }
}
