package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StatsAndMainTest {

    @Test
    void countersPerRouteTemplateOverHttpAndInCode() {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().members(10).teams(3).projects(2)
                .rateLimits(RateLimitPolicy.disabled()).build())) {
            Http http = new Http(sim);
            for (var t : sim.org().teams()) {
                http.get("/api/0/teams/sim-org/" + t.slug() + "/members/");
            }
            http.get("/api/0/organizations/sim-org/members/");
            http.get("/api/0/nowhere/");
            assertThat(sim.stats().total()).isEqualTo(5);
            assertThat(sim.stats().count("GET /api/0/teams/{org}/{team}/members/")).isEqualTo(3);
            assertThat(sim.stats().count("GET (unmatched)")).isEqualTo(1);
            JsonNode stats = Http.json(http.get("/__simulator/stats"));
            assertThat(stats.get("total").asLong()).isEqualTo(5);
            assertThat(stats.at("/endpoints/GET ~1api~10~1teams~1{org}~1{team}~1members~1/count").asLong())
                    .isEqualTo(3);
            assertThat(http.send("DELETE", "/__simulator/stats", null).statusCode()).isEqualTo(204);
            assertThat(sim.stats().total()).isZero();
            http.get("/api/0/organizations/sim-org/");
            assertThat(http.send("POST", "/__simulator/stats/reset", null).statusCode()).isEqualTo(204);
            assertThat(sim.stats().total()).isZero();
            http.get("/api/0/organizations/sim-org/");
            sim.resetStats();
            assertThat(sim.stats().perEndpoint()).isEmpty();
        }
    }

    @Test
    void helpPrintsEveryOptionAndExitsZero() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--help").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).isEqualTo(Main.HELP).startsWith(Main.USAGE + "\n").contains("  --members N ")
                .contains("  --help, -h ");
        assertThat(Main.helpRequested(new String[] {"--seed", "1", "-h"})).isTrue();
        assertThat(Main.helpRequested(new String[] {"--seed", "1"})).isFalse();
    }

    @Test
    void mainPrintsOneJsonLineAndServes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (SentrySimulator sim = Main.start(new String[] {"--port", "0", "--seed", "1", "--members", "50",
            "--teams", "5", "--projects", "8", "--latency-ms", "5", "--token", "sntryi_simulator_test_cli",
            "--rate-limit", "10", "--concurrency-limit", "3"}, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(out).endsWith("\n");
            assertThat(out.strip()).doesNotContain("\n");
            JsonNode line = Http.JSON.readTree(out);
            assertThat(line.get("baseUrl").asText()).isEqualTo(sim.baseUrl()).startsWith("http://127.0.0.1:");
            assertThat(line.get("token").asText()).isEqualTo("sntryi_simulator_test_cli");
            assertThat(line.get("organization").asText()).isEqualTo("sim-org");
            var r = new Http(sim).get("/api/0/organizations/sim-org/members/");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-Limit")).contains("10");
            assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-ConcurrentLimit")).contains("3");
        }
        assertThat(Main.parse(new String[] {"--no-rate-limits"}).rateLimits().enabled()).isFalse();
        assertThatThrownBy(() -> Main.parse(new String[] {"--members"})).isInstanceOf(Main.UsageException.class)
                .hasMessage("--members needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--bogus"})).isInstanceOf(Main.UsageException.class)
                .hasMessage("unknown argument: --bogus");
        assertThatThrownBy(() -> Main.parse(new String[] {"--teams", "x"})).isInstanceOf(Main.UsageException.class)
                .hasMessage("--teams needs a number: x");
    }
}
