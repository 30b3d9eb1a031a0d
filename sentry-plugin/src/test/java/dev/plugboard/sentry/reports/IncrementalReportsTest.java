package dev.plugboard.sentry.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plugboard.simulator.ManualClock;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.spi.Incremental;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The host's lower bound narrows what the Sentry connector asks for, and nothing at or after it is missed. */
class IncrementalReportsTest {
    private static final Map<String, Object> ALL = Map.of("projects", List.of("all"), "daysBack", 90);
    private ManualClock clock;
    private ReportsFixture fx;

    @BeforeEach
    void start() {
        clock = ManualClock.at(ReportsFixture.NOW);
        fx = ReportsFixture.manual(SimulatorOptions.builder().seed(5).members(3).teams(1).projects(3)
                .issuesPerProject(4).eventsPerIssue(30), clock);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private List<Row> runFrom(String report, Map<String, Object> params, Instant from) {
        ReportDefinition def = fx.definition(report);
        List<Row> rows = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Row> page = fx.reports.runIncremental(report, params, from, token).toCompletableFuture().join();
            page.items().forEach(r -> ReportsFixture.checkRow(def, r));
            rows.addAll(page.items());
            token = page.nextToken();
        } while (token.isPresent());
        return rows;
    }

    /**
     * The simulator dates a project's new events after that project's newest event, so the bound below which
     * nothing new can appear is the oldest of the projects' newest cursors.
     */
    private static Instant oldestNewest(List<Row> rows, String cursor) {
        return rows.stream().collect(Collectors.groupingBy(r -> r.get("projectId"), Collectors.mapping(
                        r -> (Instant) r.get(cursor), Collectors.maxBy(Instant::compareTo)))).values().stream()
                .map(Optional::orElseThrow).min(Instant::compareTo).orElseThrow();
    }

    private static Set<Object> ids(List<Row> rows) {
        return rows.stream().map(r -> r.get("eventID")).collect(Collectors.toSet());
    }

    @Test
    void theReportsThatCanBeFetchedIncrementallyDeclareCursorKeyAndRetention() {
        Map<String, String> declared = new java.util.TreeMap<>();
        for (ReportDefinition d : fx.reports.definitions()) {
            declared.put(d.id(), d.incremental().map(i -> i.cursorColumn() + " " + i.primaryKey() + " "
                    + (i.rowsChange() ? "changes" : "fixed") + " " + i.retention().orElseThrow().toDays())
                    .orElse("full refresh"));
        }
        assertEquals(Map.ofEntries(
                Map.entry("organizations", "full refresh"), Map.entry("projects", "full refresh"),
                Map.entry("organization-projects", "full refresh"),
                Map.entry("organization-repositories", "full refresh"),
                Map.entry("organization-teams", "full refresh"), Map.entry("team-projects", "full refresh"),
                Map.entry("project-users", "full refresh"),
                Map.entry("project-feedback", "dateCreated [projectId, id] fixed 90"),
                Map.entry("project-events", "dateCreated [projectId, id] fixed 90"),
                Map.entry("project-events-entries", "dateCreated [projectId, eventID, entryIndex] fixed 90"),
                Map.entry("project-issues", "lastSeen [projectId, id] changes 90"),
                Map.entry("issue-events", "dateCreated [issueId, id] fixed 90"),
                Map.entry("issue-events-entries", "dateCreated [issueId, eventID, entryIndex] fixed 90"),
                Map.entry("event-counts-organization", "timestamp [timestamp, category, outcome] changes 90"),
                Map.entry("event-counts-project", "timestamp [projectId, timestamp, category, outcome] changes 90"),
                Map.entry("event-counts-team", "timestamp [teamId, timestamp, category, outcome] changes 90")),
                declared);
        assertTrue(fx.definition("project-events").incremental().map(Incremental::retention).isPresent());
    }

    @Test
    void newAndLateEventsAfterTheLowerBoundAreReadWithOneEventRequestPerProject() {
        ReportsFixture.Run first = fx.run("project-events", ALL);
        Instant cursor = oldestNewest(first.rows(), "dateCreated");
        assertTrue(first.pages().size() > 3, "the first run reads several pages: " + first.pages().size());

        clock.advance(Duration.ofMinutes(30));
        DataGrowth.Report grown = fx.sim.grow(new DataGrowth.Request(3, 12, 1, 0, 2,
                Optional.of(cursor.minusSeconds(30)), List.of()));
        clock.advance(Duration.ofMinutes(1));
        long before = fx.sim.stats().total();
        Instant from = cursor.minus(Duration.ofMinutes(5));
        List<Row> second = runFrom("project-events", ALL, from);
        long requests = fx.sim.stats().total() - before;

        Set<Object> added = grown.events().stream().map(DataGrowth.AddedEvent::eventId).collect(Collectors.toSet());
        assertEquals(15, added.size());
        assertTrue(ids(second).containsAll(added), "every new and late event is read");
        assertTrue(second.stream().allMatch(r -> !((Instant) r.get("dateCreated")).isBefore(from)),
                "nothing before the lower bound is read");
        assertEquals(1 + 3, requests, "one project listing and one events page per project");

        Set<Object> union = new HashSet<>(ids(first.rows()));
        union.addAll(ids(second));
        assertEquals(ids(fx.run("project-events", ALL).rows()), union, "first and second run hold every event");
    }

    @Test
    void issuesWhoseLastSeenMovedAreReadAgainWithTheirNewValues() {
        ReportsFixture.Run first = fx.run("project-issues", ALL);
        Instant cursor = oldestNewest(first.rows(), "lastSeen");

        clock.advance(Duration.ofMinutes(30));
        DataGrowth.Report grown = fx.sim.grow(new DataGrowth.Request(4, 6, 0, 0, 0, Optional.empty(), List.of()));
        clock.advance(Duration.ofMinutes(1));
        List<Row> second = runFrom("project-issues", ALL, cursor.minus(Duration.ofMinutes(5)));

        assertFalse(grown.updatedIssues().isEmpty());
        for (var issue : grown.updatedIssues()) {
            Row row = second.stream().filter(r -> r.get("id").equals(issue.id())).findFirst().orElseThrow();
            assertEquals(issue.lastSeen(), row.get("lastSeen"));
            assertEquals(issue.count(), ((Number) row.get("count")).longValue());
        }
        assertTrue(second.size() < first.rows().size(), "only issues seen since the lower bound");
    }

    @Test
    void aLowerBoundAfterTheWindowReadsNothing() {
        long before = fx.sim.stats().total();
        assertEquals(List.of(), runFrom("project-events", ALL, clock.instant().plusSeconds(3600)));
        assertEquals(before, fx.sim.stats().total());
    }

    @Test
    void aLongReportSaysWhichProjectItIsReading() {
        List<String> slugs = fx.run("projects", Map.of()).rows().stream().map(r -> (String) r.get("slug")).toList();
        int before = fx.context.statuses().size();

        fx.run("project-events", ALL);

        List<String> read = fx.context.statuses().subList(before, fx.context.statuses().size()).stream().distinct()
                .toList();
        assertEquals(List.of("reading project " + slugs.get(0) + " (1 of 3)", "reading project " + slugs.get(1)
                + " (2 of 3)", "reading project " + slugs.get(2) + " (3 of 3)"), read);
    }
}
