package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.auth.Scopes;
import dev.plugboard.simulator.model.ProjectData;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator's reports and rate limits follow getsentry/sentry's server code, not the plugin: each test names the
 * Sentry source file (paths in getsentry/sentry) whose behaviour it pins. Change the simulator only from that code.
 */
class SentryLimitsFidelityTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static final String O = "/api/0/organizations/sim-org/";

    private static SimulatorOptions.Builder small() {
        return SimulatorOptions.builder().seed(17).members(10).teams(2).projects(3).fixedNow(NOW);
    }

    @Test
    @DisplayName("stats_v2: the interval divides a day, and a window holds at most 1,000 intervals "
            + "(src/sentry/snuba/sessions_v2.py, get_constrained_date_range)")
    void statsV2IntervalRules() {
        try (SentrySimulator sim = SentrySimulator.start(small().rateLimits(RateLimitPolicy.disabled()).build())) {
            Http http = new Http(sim);
            String base = O + "stats_v2/?field=sum(quantity)&groupBy=outcome";
            HttpResponse<String> fiveHours = http.get(base + "&statsPeriod=4d&interval=5h");
            assertThat(fiveHours.statusCode()).isEqualTo(400);
            assertThat(fiveHours.body()).isEqualTo("{\"detail\":\"The interval should divide one day without a "
                    + "remainder.\"}");
            String tooMany = "{\"detail\":\"Your interval and date range would create too many results. Use a larger "
                    + "interval, or a smaller date range.\"}";
            assertThat(http.get(base + "&statsPeriod=90d&interval=1h").body()).isEqualTo(tooMany);
            assertThat(http.get(base + "&statsPeriod=42d&interval=1h").body()).isEqualTo(tooMany);
            // an explicit end counts one second more: 41 days and 16 hours is 1,000 hours, plus the second, 1,001
            assertThat(http.get(base + "&start=2025-05-04T18:00:00Z&end=2025-06-15T10:00:00Z&interval=1h").body())
                    .isEqualTo(tooMany);
            HttpResponse<String> ok = http.get(base + "&statsPeriod=41d&interval=1h");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(Http.json(ok).get("intervals")).hasSize(41 * 24);
            for (String interval : List.of("2h", "3h", "4h", "6h", "8h", "12h", "1d", "60m", "120m")) {
                assertThat(http.get(base + "&statsPeriod=41d&interval=" + interval).statusCode()).as(interval)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    @DisplayName("project users: 5 requests per 60 s for integration tokens, per organization "
            + "(src/sentry/core/endpoints/project_users.py); a query without key: answers []")
    void projectUsersLimitForIntegrationTokens() {
        try (SentrySimulator sim = SentrySimulator.start(small().build())) {
            sim.addToken(ApiToken.of("sntryi_simulator_test_second_integration", Scopes.READ));
            sim.addToken(ApiToken.of("sntryu_simulator_test_user", Scopes.READ));
            Http http = new Http(sim);
            String path = "/api/0/projects/sim-org/" + sim.org().projects().get(0).slug() + "/users/";
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = http.get(path);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Sentry-Rate-Limit-Limit")).contains("5");
            }
            // a second integration token of the same organization shares the window
            assertThat(http.as("sntryi_simulator_test_second_integration").get(path).statusCode()).isEqualTo(200);
            HttpResponse<String> sixth = http.get(path);
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.body()).isEqualTo("\"You are attempting to use this endpoint too frequently. Limit is 5 "
                    + "requests in 60 seconds\"");
            // a user token has the default limits
            HttpResponse<String> asUser = http.as("sntryu_simulator_test_user").get(path + "?query=nobody");
            assertThat(asUser.statusCode()).isEqualTo(200);
            assertThat(asUser.headers().firstValue("X-Sentry-Rate-Limit-Limit")).contains("40");
            assertThat(asUser.body()).isEqualTo("[]");
        }
    }

    @Test
    @DisplayName("429s have a bare JSON string body and no Retry-After; integration tokens are limited per "
            + "organization, user tokens per user (src/sentry/middleware/ratelimit.py, src/sentry/ratelimits/utils.py)")
    void limitsPerOrganizationForIntegrationTokens() {
        try (SentrySimulator sim = SentrySimulator.start(small().rateLimits(RateLimitPolicy.uniform(3,
                Duration.ofSeconds(1), 25)).build())) {
            sim.addToken(ApiToken.of("sntryi_simulator_test_integration_b", Scopes.READ));
            sim.addToken(ApiToken.of("sntryu_simulator_test_user_a", Scopes.READ));
            sim.addToken(ApiToken.of("sntryu_simulator_test_user_b", Scopes.READ));
            Http a = new Http(sim);
            Http b = a.as("sntryi_simulator_test_integration_b");
            String path = O + "members/";
            assertThat(a.get(path).statusCode()).isEqualTo(200);
            assertThat(a.get(path).statusCode()).isEqualTo(200);
            assertThat(b.get(path).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = b.get(path);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo("\"You are attempting to use this endpoint too frequently. Limit is 3 "
                    + "requests in 1 seconds\"");
            assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
            Http userA = a.as("sntryu_simulator_test_user_a");
            Http userB = a.as("sntryu_simulator_test_user_b");
            for (int i = 0; i < 3; i++) {
                assertThat(userA.get(path).statusCode()).isEqualTo(200);
                assertThat(userB.get(path).statusCode()).isEqualTo(200);
            }
            assertThat(userA.get(path).statusCode()).isEqualTo(429);
        }
    }

    @Test
    @DisplayName("project events need project:read, not event:read (src/sentry/api/endpoints/project_events.py, "
            + "src/sentry/api/bases/project.py), and older servers ignore start and end")
    void projectEventsScopeAndOlderServersIgnoringDates() {
        try (SentrySimulator sim = SentrySimulator.start(small().issuesPerProject(4).eventsPerIssue(5)
                .rateLimits(RateLimitPolicy.disabled()).build())) {
            sim.addToken(ApiToken.of("sntryi_simulator_test_project_read", List.of("project:read")));
            sim.addToken(ApiToken.of("sntryi_simulator_test_event_read", List.of("event:read")));
            String slug = sim.org().projects().get(0).slug();
            String path = "/api/0/projects/sim-org/" + slug + "/events/?start=2025-06-14T00:00:00Z"
                    + "&end=2025-06-15T00:00:00Z";
            Http http = new Http(sim);
            assertThat(http.as("sntryi_simulator_test_project_read").get(path).statusCode()).isEqualTo(200);
            assertThat(http.as("sntryi_simulator_test_event_read").get(path).statusCode()).isEqualTo(403);
            ProjectData data = sim.projectData(slug).orElseThrow();
            long inWindow = data.events().stream().filter(e -> !e.dateCreated().isBefore(
                    Instant.parse("2025-06-14T00:00:00Z")) && e.dateCreated().isBefore(
                    Instant.parse("2025-06-15T00:00:00Z"))).count();
            assertThat(Http.json(http.get(path))).hasSize((int) inWindow);
            assertThat(inWindow).isLessThan(data.events().size());
        }
        try (SentrySimulator old = SentrySimulator.start(small().issuesPerProject(4).eventsPerIssue(5)
                .projectEventsIgnoreDates(true).rateLimits(RateLimitPolicy.disabled()).build())) {
            String slug = old.org().projects().get(0).slug();
            JsonNode all = Http.json(new Http(old).get("/api/0/projects/sim-org/" + slug + "/events/?start="
                    + "2025-06-14T00:00:00Z&end=2025-06-15T00:00:00Z"));
            assertThat(all).hasSize(old.projectData(slug).orElseThrow().events().size());
            assertThat(Main.parse(new String[] {"--events-ignore-dates"}).projectEventsIgnoreDates()).isTrue();
        }
    }
}
