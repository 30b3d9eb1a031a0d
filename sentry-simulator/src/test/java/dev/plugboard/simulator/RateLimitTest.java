package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.simulator.faults.FaultRule;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final String MEMBERS = "GET /api/0/organizations/{org}/members/";

    @Test
    void saasHeadersOnEveryResponseAndWindowLimit() {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().fixedNow(NOW).members(5)
                .teams(1).projects(1).build())) {
            Http http = new Http(sim);
            HttpResponse<String> first = http.get("/api/0/organizations/sim-org/members/");
            assertThat(first.headers().firstValue("X-Sentry-Rate-Limit-Limit")).contains("40");
            assertThat(first.headers().firstValue("X-Sentry-Rate-Limit-Remaining")).contains("39");
            assertThat(first.headers().firstValue("X-Sentry-Rate-Limit-Reset"))
                    .contains(String.valueOf(NOW.getEpochSecond() + 1));
            assertThat(first.headers().firstValue("X-Sentry-Rate-Limit-ConcurrentLimit")).contains("25");
            assertThat(first.headers().firstValue("X-Sentry-Rate-Limit-ConcurrentRemaining")).contains("24");
            for (int i = 0; i < 39; i++) {
                assertThat(http.get("/api/0/organizations/sim-org/members/").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> limited = http.get("/api/0/organizations/sim-org/members/");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo("\"You are attempting to use this endpoint too "
                    + "frequently. Limit is 40 requests in 1 seconds\"");
            assertThat(limited.headers().firstValue("X-Sentry-Rate-Limit-Remaining")).contains("0");
            assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
            // another endpoint has its own window
            assertThat(http.get("/api/0/organizations/sim-org/teams/").statusCode()).isEqualTo(200);
            // 401s carry the headers too
            assertThat(http.as(null).get("/api/0/organizations/sim-org/").headers()
                    .firstValue("X-Sentry-Rate-Limit-Limit")).contains("40");
            assertThat(sim.stats().rateLimited()).isEqualTo(1);
            assertThat(sim.stats().rateLimited(MEMBERS)).isEqualTo(1);
            assertThat(sim.stats().count(MEMBERS)).isEqualTo(41);
        }
    }

    @Test
    void projectEventsAre60PerMinute() {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().fixedNow(NOW).members(5)
                .teams(1).projects(1).issuesPerProject(1).eventsPerIssue(1).build())) {
            Http http = new Http(sim);
            String path = "/api/0/projects/sim-org/" + sim.org().projects().get(0).slug() + "/events/";
            HttpResponse<String> r = http.get(path);
            assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-Limit")).contains("60");
            assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-ConcurrentLimit")).contains("1");
            assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-Reset")).contains(String.valueOf(
                    NOW.getEpochSecond() + 60));
        }
    }

    @Test
    void concurrencyLimitCountsInFlightRequests() throws Exception {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().fixedNow(NOW).members(5)
                .teams(1).projects(1).rateLimits(RateLimitPolicy.uniform(100, Duration.ofSeconds(1), 2)).build())) {
            sim.faults().add(FaultRule.latency("/members/", Duration.ofMillis(1_500)));
            Http http = new Http(sim);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<HttpResponse<String>>> futures = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    futures.add(pool.submit(() -> http.get("/api/0/organizations/sim-org/members/")));
                }
                List<Integer> statuses = new ArrayList<>();
                String limitedBody = "";
                for (Future<HttpResponse<String>> f : futures) {
                    HttpResponse<String> r = f.get();
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 429) {
                        limitedBody = r.body();
                        assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-ConcurrentRemaining")).contains("0");
                    }
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 200, 429);
                assertThat(limitedBody).isEqualTo("\"You are attempting to go above the allowed "
                        + "concurrency for this endpoint. Concurrency limit is 2\"");
            } finally {
                pool.shutdownNow();
            }
            sim.faults().clear();
            HttpResponse<String> after = http.get("/api/0/organizations/sim-org/members/");
            assertThat(after.statusCode()).isEqualTo(200);
            assertThat(after.headers().firstValue("X-Sentry-Rate-Limit-ConcurrentRemaining")).contains("1");
        }
    }

    @Test
    void selfHostedModeSendsNoHeadersAndNo429() {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().fixedNow(NOW).members(5)
                .teams(1).projects(1).rateLimits(RateLimitPolicy.disabled()).build())) {
            Http http = new Http(sim);
            for (int i = 0; i < 60; i++) {
                HttpResponse<String> r = http.get("/api/0/organizations/sim-org/members/");
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-sentry-rate"));
            }
            assertThat(sim.stats().rateLimited()).isZero();
        }
    }
}
