package dev.plugboard.sentry.reports;

import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.OrgGenerator;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.UsageSeries;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three event-count reports against the simulator's hourly usage, recomputed here from the same seed. */
class EventCountsTest {
    private static final String STATS = "GET /api/0/organizations/{org}/stats_v2/";
    private static final List<String> CATEGORIES = List.of("attachment", "error", "transaction");
    private static final List<String> OUTCOMES = List.of("accepted", "client_discard", "filtered", "invalid",
            "rate_limited");
    private static ReportsFixture fx;
    private static UsageSeries usage;

    @BeforeAll
    static void start() {
        fx = ReportsFixture.pinned(SimulatorOptions.builder().seed(5).members(5).teams(8).projects(4));
        usage = new UsageSeries(5, fx.dataNow());
        fx.run("organization-teams", Map.of()); // the organization detail is fetched once, here
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static int index(String projectId) {
        return (int) (Long.parseLong(projectId) - OrgGenerator.PROJECT_ID_BASE);
    }

    /** Sum of the hourly quantities of [from, from + hours) over projects and outcomes. */
    private static long sum(List<String> projectIds, String category, List<String> outcomes, Instant from,
                            int hours) {
        long total = 0;
        long first = from.getEpochSecond() / 3600;
        for (String p : projectIds) {
            for (String o : outcomes) {
                for (long h = first; h < first + hours; h++) {
                    total += usage.quantity(index(p), UsageSeries.CATEGORIES.indexOf(category),
                            UsageSeries.OUTCOMES.indexOf(o), h);
                }
            }
        }
        return total;
    }

    /** Expected rows: per bucket, category and series (an outcome, or a stat's outcomes summed under its name). */
    private static List<List<Object>> expected(List<String> projectIds, Instant start, int buckets, int hours,
                                               List<String> categories, Map<String, List<String>> series) {
        List<List<Object>> out = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            Instant t = start.plusSeconds(3600L * hours * b);
            for (String c : categories) {
                for (Map.Entry<String, List<String>> s : series.entrySet()) {
                    out.add(List.of(t, c, s.getKey(), sum(projectIds, c, s.getValue(), t, hours)));
                }
            }
        }
        return out;
    }

    private static List<List<Object>> rows(ReportsFixture.Run run) {
        return run.rows().stream().map(r -> List.of(r.get("timestamp"), r.get("category"), r.get("outcome"),
                r.get("count"))).toList();
    }

    private static List<String> allProjectIds() {
        return fx.sim.org().projects().stream().map(Project::id).toList();
    }

    private static Map<String, List<String>> eachOutcome() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        OUTCOMES.forEach(o -> m.put(o, List.of(o)));
        return m;
    }

    @Test
    void organizationHourlyByCategoryAndOutcome() {
        long before = fx.served(STATS);
        ReportsFixture.Run run = fx.run("event-counts-organization", Map.of("date", "2026-03-10", "interval", "1h"));
        List<List<Object>> expected = expected(allProjectIds(), Instant.parse("2026-03-10T00:00:00Z"), 24, 1,
                CATEGORIES, eachOutcome());
        assertEquals(24 * 3 * 5, expected.size());
        assertEquals(expected, rows(run));
        assertTrue(expected.stream().anyMatch(r -> (long) r.get(3) > 0), "some traffic");
        assertEquals(1, fx.served(STATS) - before);
        assertEquals(1, run.pages().size());
    }

    @Test
    void organizationRejectedErrorsDaily() {
        ReportsFixture.Run run = fx.run("event-counts-organization", Map.of("stat", "rejected", "category", "error",
                "daysBack", 7));
        // [03-08 10:30, 03-15 10:30) in days: Sentry widens it to whole intervals, 03-08 to 03-16
        List<List<Object>> expected = expected(allProjectIds(), Instant.parse("2026-03-08T00:00:00Z"), 8, 24,
                List.of("error"), Map.of("rejected", List.of("filtered", "rate_limited", "invalid")));
        assertEquals(expected, rows(run));
        assertTrue(expected.stream().anyMatch(r -> (long) r.get(3) > 0), "some rejections");
    }

    @Test
    void organizationOneOutcomeEverySixHours() {
        ReportsFixture.Run run = fx.run("event-counts-organization", Map.of("outcome", "accepted",
                "start", "2026-03-01", "end", "2026-03-02", "interval", "6h"));
        assertEquals(expected(allProjectIds(), Instant.parse("2026-03-01T00:00:00Z"), 8, 6, CATEGORIES,
                Map.of("accepted", List.of("accepted"))), rows(run));
    }

    @Test
    void hourlyOverNinetyDaysIsReadInThreeCallsEachBucketOnce() {
        long before = fx.served(STATS);
        ReportsFixture.Run run = fx.run("event-counts-organization", Map.of("start", 90, "end", 0, "interval", "1h",
                "outcome", "accepted", "category", "error"));
        // [12-15 10:30, 03-15 10:30): 2,161 hourly buckets from 12-15 10:00, more than stats_v2's 1,000 per call;
        // read as 999 + 999 + 163 buckets from interval boundaries, so every call is accepted and no bucket repeats
        List<List<Object>> expected = expected(allProjectIds(), Instant.parse("2025-12-15T10:00:00Z"), 2_161, 1,
                List.of("error"), Map.of("accepted", List.of("accepted")));
        assertEquals(expected, rows(run));
        assertEquals(3, fx.served(STATS) - before, "three stats_v2 calls, none refused");
        assertEquals(3, run.pages().size());
        assertEquals(List.of(999, 999, 163), run.pages().stream().map(p -> p.items().size()).toList());
    }

    @Test
    void aLongHourlyWindowPerProjectSplitsEachProjectsWindow() {
        List<Project> projects = fx.sim.org().projects();
        long before = fx.served(STATS);
        ReportsFixture.Run run = fx.run("event-counts-project", Map.of("projects", List.of(projects.get(1).id(),
                projects.get(2).id()), "start", "2026-01-01", "end", "2026-02-28", "interval", "2h", "outcome",
                "invalid", "category", "transaction"));
        // 59 days in 2-hour buckets: 708 buckets fit in one call; 1h would not, 2h does: one call per project
        assertEquals(2, fx.served(STATS) - before);
        assertEquals(2 * 708, run.rows().size());

        before = fx.served(STATS);
        ReportsFixture.Run hourly = fx.run("event-counts-project", Map.of("projects", List.of(projects.get(1).id(),
                projects.get(2).id()), "start", "2026-01-01", "end", "2026-02-28", "interval", "1h", "outcome",
                "invalid", "category", "transaction"));
        // 1,416 hourly buckets per project: two calls each (999 + 417), four in all, every bucket once
        assertEquals(4, fx.served(STATS) - before);
        List<List<Object>> expected = new ArrayList<>();
        for (Project p : List.of(projects.get(1), projects.get(2))) {
            for (List<Object> r : expected(List.of(p.id()), Instant.parse("2026-01-01T00:00:00Z"), 1_416, 1,
                    List.of("transaction"), Map.of("invalid", List.of("invalid")))) {
                List<Object> row = new ArrayList<>(List.of(p.id()));
                row.addAll(r);
                expected.add(row);
            }
        }
        assertEquals(expected, hourly.rows().stream().map(r -> List.of(r.get("projectId"), r.get("timestamp"),
                r.get("category"), r.get("outcome"), r.get("count"))).toList());
    }

    @Test
    void perProject() {
        List<Project> projects = fx.sim.org().projects();
        Project a = projects.get(0);
        Project b = projects.get(3);
        ReportsFixture.Run run = fx.run("event-counts-project", Map.of("projects", List.of(a.slug(), b.id()),
                "stat", "blacklisted", "start", 3, "end", 1, "interval", "1d"));
        List<List<Object>> expected = new ArrayList<>();
        for (Project p : List.of(a, b)) {
            for (List<Object> r : expected(List.of(p.id()), Instant.parse("2026-03-12T00:00:00Z"), 3, 24, CATEGORIES,
                    Map.of("blacklisted", List.of("filtered")))) {
                List<Object> row = new ArrayList<>(List.of(p.id(), p.slug()));
                row.addAll(r);
                expected.add(row);
            }
        }
        assertEquals(expected, run.rows().stream().map(r -> List.of(r.get("projectId"), r.get("projectSlug"),
                r.get("timestamp"), r.get("category"), r.get("outcome"), r.get("count"))).toList());
        assertEquals(2, run.pages().size(), "one page per project");
    }

    @Test
    void perTeamSumsItsProjectsAndSkipsEmptyTeams() {
        List<Team> teams = fx.sim.org().teams();
        List<Project> projects = fx.sim.org().projects();
        assertTrue(teams.stream().anyMatch(t -> projects.stream().noneMatch(p -> p.teamIds().contains(t.id()))),
                "a team without projects");
        long teamsWithProjects = teams.stream().filter(t -> projects.stream()
                .anyMatch(p -> p.teamIds().contains(t.id()))).count();
        long before = fx.served(STATS);
        ReportsFixture.Run run = fx.run("event-counts-team", Map.of("teams", "all", "stat", "received",
                "date", "2026-03-14"));
        assertEquals(teamsWithProjects, fx.served(STATS) - before, "one stats request per team with projects");
        assertEquals(teams.size(), run.pages().size(), "one page per team");
        List<List<Object>> expected = new ArrayList<>();
        for (Team t : teams) {
            List<String> ids = projects.stream().filter(p -> p.teamIds().contains(t.id())).map(Project::id).toList();
            if (ids.isEmpty()) {
                continue;
            }
            for (List<Object> r : expected(ids, Instant.parse("2026-03-14T00:00:00Z"), 1, 24, CATEGORIES,
                    Map.of("received", List.of("accepted")))) {
                List<Object> row = new ArrayList<>(List.of(t.id(), t.slug()));
                row.addAll(r);
                expected.add(row);
            }
        }
        assertEquals(expected, run.rows().stream().map(r -> List.of(r.get("teamId"), r.get("teamSlug"),
                r.get("timestamp"), r.get("category"), r.get("outcome"), r.get("count"))).toList());
    }

    @Test
    void statAndOutcomeTogetherAreRefused() {
        ConnectorException e = fx.failure("event-counts-organization", Map.of("stat", "received",
                "outcome", "accepted"));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("parameter 'stat': give either stat or outcome, not both", e.getMessage());
        ConnectorException i = fx.failure("event-counts-project", Map.of("projects", "all", "interval", "90m"));
        assertEquals("parameter 'interval': '90m' is not an interval Sentry accepts: use 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d"
                + " (stats_v2 needs an interval that divides a day)", i.getMessage());
    }
}
