package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.plugboard.simulator.faults.FaultRule;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultsTest {
    static final String MEMBERS = "/api/0/organizations/sim-org/members/";
    static SentrySimulator sim;
    static Http http;

    @BeforeAll
    static void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().members(20).teams(3).projects(3)
                .rateLimits(RateLimitPolicy.saas()).build());
        http = new Http(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
    }

    @Test
    void serverErrorsForTheNextNRequestsOnly() {
        sim.faults().add(FaultRule.serverError("/members/$", 500).times(2));
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = http.get(MEMBERS);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).matches("\\{\"detail\":\"Internal Error\",\"errorId\":\"[0-9a-f]{32}\"}");
        }
        assertThat(http.get(MEMBERS).statusCode()).isEqualTo(200);
        assertThat(http.get("/api/0/organizations/sim-org/teams/").statusCode()).isEqualTo(200);
        sim.faults().add(FaultRule.serverError("teams", 503));
        assertThat(http.get("/api/0/organizations/sim-org/teams/").statusCode()).isEqualTo(503);
        assertThat(http.get("/api/0/organizations/sim-org/teams/").statusCode()).isEqualTo(503);
        sim.faults().clear();
        assertThat(http.get("/api/0/organizations/sim-org/teams/").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionResetMalformedChunkAndEmptyResponseBreakTheClient() {
        sim.faults().add(FaultRule.connectionReset("/members/").times(1));
        assertThatThrownBy(() -> http.get(MEMBERS)).isInstanceOf(UncheckedIOException.class);
        // The request after a fault goes out on a new client: the JDK client may otherwise reuse the HTTP/2
        // connection the fault just broke and fail with an EOF that says nothing about the simulator.
        assertThat(new Http(sim).get(MEMBERS).statusCode()).isEqualTo(200);
        sim.faults().add(FaultRule.malformedChunk("/members/").times(1));
        assertThatThrownBy(() -> new Http(sim).get(MEMBERS)).isInstanceOf(UncheckedIOException.class);
        sim.faults().add(FaultRule.emptyResponse("/members/").times(1));
        assertThatThrownBy(() -> new Http(sim).get(MEMBERS)).isInstanceOf(UncheckedIOException.class);
        assertThat(new Http(sim).get(MEMBERS).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedJsonAndTruncatedBodies() {
        String good = http.get(MEMBERS).body();
        sim.faults().add(FaultRule.malformedJson("/members/").times(1));
        HttpResponse<String> malformed = http.get(MEMBERS);
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.JSON.readTree(malformed.body())).isInstanceOf(JsonProcessingException.class);
        sim.faults().add(FaultRule.truncatedBody("/members/").times(1));
        HttpResponse<String> truncated = http.get(MEMBERS);
        assertThat(truncated.body()).isEqualTo(good.substring(0, good.length() / 2));
        assertThatThrownBy(() -> Http.JSON.readTree(truncated.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(http.get(MEMBERS).body()).isEqualTo(good);
    }

    @Test
    void latencyFixedAndRandom() {
        sim.faults().add(FaultRule.latency("/teams/", Duration.ofMillis(300)).times(1));
        long t0 = System.nanoTime();
        assertThat(http.get("/api/0/organizations/sim-org/teams/").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        sim.faults().add(FaultRule.latency("/teams/", Duration.ofMillis(100), Duration.ofMillis(200)).times(1));
        t0 = System.nanoTime();
        http.get("/api/0/organizations/sim-org/teams/");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void rateLimitBurstGivesExactly429s() {
        sim.resetStats();
        sim.faults().add(FaultRule.rateLimitBurst("/projects/", 3));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = http.get("/api/0/organizations/sim-org/projects/");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.body()).isEqualTo("\"You are attempting to use this endpoint too frequently. "
                    + "Limit is 40 requests in 1 seconds\"");
            assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-Remaining")).contains("0");
        }
        assertThat(http.get("/api/0/organizations/sim-org/projects/").statusCode()).isEqualTo(200);
        assertThat(sim.stats().rateLimited("GET /api/0/organizations/{org}/projects/")).isEqualTo(3);
        assertThat(sim.stats().count("GET /api/0/organizations/{org}/projects/")).isEqualTo(4);
        assertThat(sim.faults().active()).isEmpty();
    }

    @Test
    void faultsOverHttpControlEndpoint() {
        assertThat(http.send("POST", "/__simulator/faults", "{\"path\":\"/repos/\",\"kind\":\"SERVER_ERROR\","
                + "\"status\":502,\"times\":1}").statusCode()).isEqualTo(201);
        assertThat(http.get("/api/0/organizations/sim-org/repos/").statusCode()).isEqualTo(502);
        assertThat(http.get("/api/0/organizations/sim-org/repos/").statusCode()).isEqualTo(200);
        http.send("POST", "/__simulator/faults", "{\"path\":\"/repos/\",\"kind\":\"SERVER_ERROR\"}");
        assertThat(http.send("DELETE", "/__simulator/faults", null).statusCode()).isEqualTo(204);
        assertThat(http.get("/api/0/organizations/sim-org/repos/").statusCode()).isEqualTo(200);
    }
}
