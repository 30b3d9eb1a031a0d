package dev.plugboard.sentry.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plugboard.simulator.ManualClock;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Project;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Sentry allows integration tokens 5 requests a minute to a project's users (getsentry/sentry
 * {@code src/sentry/core/endpoints/project_users.py}; the simulator enforces it with SaaS limits): a report over
 * seven projects sends five, waits for the window to end instead of being refused, then sends the other two. The
 * simulator and the connector share a clock the test moves, so the minute passes without sleeping.
 */
class ProjectUsersPacingTest {
    private static final String USERS = "GET /api/0/projects/{org}/{project}/users/";

    @Test
    void aReportOverSevenProjectsWaitsForTheNextWindowInsteadOfA429() throws Exception {
        ManualClock clock = ManualClock.at(Instant.parse("2026-03-15T10:30:00Z"));
        try (ReportsFixture fx = ReportsFixture.manualWithLimits(SimulatorOptions.builder().seed(11).members(5)
                .teams(2).projects(7), clock)) {
            long users = fx.sim.org().projects().stream().map(Project::id)
                    .mapToLong(id -> fx.sim.projectData(id).orElseThrow().users().size()).sum();
            CompletableFuture<ReportsFixture.Run> run = CompletableFuture.supplyAsync(() -> fx.run("project-users",
                    Map.of("projects", "all")));

            // five requests, then the connector waits for the window's end (and says so), sending nothing more
            await(() -> fx.context.statuses().stream().anyMatch(s -> s.contains("wait")));
            assertEquals(5, fx.served(USERS));
            assertFalse(run.isDone());
            assertEquals(0, fx.sim.stats().rateLimited(), "no 429: " + fx.sim.stats().rateLimitedPerEndpoint());

            clock.advance(Duration.ofSeconds(61));
            ReportsFixture.Run done = run.get(30, TimeUnit.SECONDS);

            assertEquals(7, fx.served(USERS), "one request per project, none repeated");
            assertEquals(users, done.rows().size());
            assertEquals(0, fx.sim.stats().rateLimited(), "no 429: " + fx.sim.stats().rateLimitedPerEndpoint());
            assertEquals(0, fx.context.retries().size(), "no retry: " + fx.context.retries());
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(20);
        }
    }
}
