package dev.plugboard.sentry.reports;

import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Event;
import dev.plugboard.simulator.model.Project;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against SaaS rate limits (project events: 60 a minute, one at a time; others 40 a second), three report runs at
 * once over the events endpoint, plus issues and counts, get exactly their rows and never a 429.
 */
class RateLimitTest {
    private static final String EVENTS = "GET /api/0/projects/{org}/{project}/events/";

    @Test
    void concurrentEventReportsAreSerializedWithoutA429() {
        try (ReportsFixture fx = ReportsFixture.live(SimulatorOptions.builder().seed(3).members(5).teams(2)
                .projects(4).issuesPerProject(150).eventsPerIssue(3))) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            String from = today.minusDays(60).toString();
            String to = today.minusDays(2).toString();
            Instant start = LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<Project> p = fx.sim.org().projects();
            Map<String, Object> window = Map.of("start", from, "end", to);

            CompletableFuture<ReportsFixture.Run> a = CompletableFuture.supplyAsync(() -> fx.run("project-events",
                    with(window, "projects", List.of(p.get(0).slug(), p.get(1).slug()))));
            CompletableFuture<ReportsFixture.Run> b = CompletableFuture.supplyAsync(() -> fx.run("project-events",
                    with(window, "projects", List.of(p.get(2).slug(), p.get(3).slug()))));
            CompletableFuture<ReportsFixture.Run> c = CompletableFuture.supplyAsync(() -> fx.run(
                    "project-events-entries", with(window, "projects", p.get(0).slug())));
            CompletableFuture<ReportsFixture.Run> d = CompletableFuture.supplyAsync(() -> fx.run("project-issues",
                    with(window, "projects", "all")));

            long expectedRequests = 0;
            List<Object> expectedA = new ArrayList<>();
            List<Object> expectedB = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                List<Event> events = fx.sim.projectData(p.get(i).id()).orElseThrow().events().stream()
                        .filter(e -> !e.dateCreated().isBefore(start) && e.dateCreated().isBefore(end)).toList();
                (i < 2 ? expectedA : expectedB).addAll(events.stream().map(Event::eventId).toList());
                expectedRequests += ReportsFixture.pages(events.size());
            }
            long entriesOfFirst = fx.sim.projectData(p.get(0).id()).orElseThrow().events().stream()
                    .filter(e -> !e.dateCreated().isBefore(start) && e.dateCreated().isBefore(end))
                    .mapToLong(e -> e.entries().size()).sum();
            long pagesOfFirst = ReportsFixture.pages(expectedA.size() - fx.sim.projectData(p.get(1).id())
                    .orElseThrow().events().stream()
                    .filter(e -> !e.dateCreated().isBefore(start) && e.dateCreated().isBefore(end)).count());

            assertEquals(expectedA, a.join().column("eventID"));
            assertEquals(expectedB, b.join().column("eventID"));
            assertEquals(entriesOfFirst, c.join().rows().size());
            assertTrue(d.join().rows().size() > 100, "issues of all four projects");
            assertEquals(expectedRequests + pagesOfFirst, fx.served(EVENTS), "one request per page, no retry");
            assertTrue(expectedRequests + pagesOfFirst < 60, "the test stays within one rate-limit window");
            assertEquals(0, fx.sim.stats().rateLimited(), "no 429: " + fx.sim.stats().rateLimitedPerEndpoint());
            assertEquals(0, fx.context.retries().stream().filter("429"::equals).count(), "no retry after a 429");
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }
}
