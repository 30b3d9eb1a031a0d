package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

    private static List<String> bodies(long seed) {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().seed(seed).members(150).teams(8)
                .projects(6).fixedNow(NOW).rateLimits(RateLimitPolicy.disabled()).build())) {
            Http http = new Http(sim);
            String project = sim.org().projects().get(0).slug();
            String projectId = sim.org().projects().get(0).id();
            String team = sim.org().teams().get(0).slug();
            List<String> out = new ArrayList<>();
            for (String path : List.of("/api/0/organizations/sim-org/", "/api/0/organizations/sim-org/members/",
                    "/api/0/organizations/sim-org/teams/", "/api/0/organizations/sim-org/projects/",
                    "/api/0/teams/sim-org/" + team + "/members/", "/api/0/organizations/sim-org/repos/",
                    "/api/0/projects/sim-org/" + project + "/events/?full=true",
                    "/api/0/projects/sim-org/" + project + "/users/",
                    "/api/0/projects/sim-org/" + project + "/user-feedback/",
                    "/api/0/organizations/sim-org/issues/?project=" + projectId + "&query=&statsPeriod=90d",
                    "/api/0/organizations/sim-org/stats_v2/?field=sum(quantity)&groupBy=outcome&groupBy=category"
                            + "&statsPeriod=7d&interval=1d")) {
                out.add(http.get(path).body().replace(sim.baseUrl(), "BASE"));
            }
            out.add(sim.org().toString());
            return out;
        }
    }

    @Test
    void sameSeedSameJsonDifferentSeedDifferentJson() {
        List<String> a = bodies(42);
        List<String> b = bodies(42);
        List<String> c = bodies(43);
        assertThat(a).isEqualTo(b);
        for (int i = 1; i < a.size(); i++) {
            assertThat(a.get(i)).as("body " + i).isNotEqualTo(c.get(i));
        }
    }

    @Test
    void bigOrgStartsFast() {
        long t0 = System.nanoTime();
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().seed(1).members(10_000)
                .teams(500).projects(2_000).build())) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            System.err.println("10000/500/2000 org started in " + took.toMillis() + " ms");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(sim.org().members()).hasSize(10_000);
            assertThat(sim.org().teams()).hasSize(500);
            assertThat(sim.org().projects()).hasSize(2_000);
            assertThat(sim.org().teams().stream().filter(t -> t.members().size() > 100).count()).isGreaterThan(1);
        }
    }
}
