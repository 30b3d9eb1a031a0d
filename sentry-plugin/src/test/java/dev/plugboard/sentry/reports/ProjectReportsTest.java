package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Event;
import dev.plugboard.simulator.model.EventEntry;
import dev.plugboard.simulator.model.Feedback;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.ProjectData;
import dev.plugboard.simulator.model.ProjectUser;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Users, feedback, events, entries and issues of several projects, and events of issues, against generated data
 * large enough for several Sentry pages per project; every date-window form on the events report.
 */
class ProjectReportsTest {
    private static final String EVENTS = "GET /api/0/projects/{org}/{project}/events/";
    private static final String ISSUES = "GET /api/0/organizations/{org}/issues/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = ReportsFixture.NOW;
    private static ReportsFixture fx;
    private static Project web;
    private static Project api;

    @BeforeAll
    static void start() {
        // per project: 150 issues, 450 events (5 pages over 90 days), 230 users (3 pages), 120 feedback (2 pages)
        fx = ReportsFixture.pinned(SimulatorOptions.builder().seed(11).members(5).teams(2).projects(4)
                .issuesPerProject(150).eventsPerIssue(3).usersPerProject(230).feedbackPerProject(120));
        List<Project> projects = fx.sim.org().projects();
        web = projects.get(0);
        api = projects.get(2);
        fx.run("organization-teams", Map.of()); // the organization detail is fetched once, here
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static ProjectData data(Project p) {
        return fx.sim.projectData(p.id()).orElseThrow();
    }

    private static Predicate<Instant> in(String start, String end) {
        Instant s = Instant.parse(start);
        Instant e = Instant.parse(end);
        return t -> !t.isBefore(s) && t.isBefore(e);
    }

    private static List<List<Object>> expectedEvents(List<Project> projects, Predicate<Instant> window) {
        List<List<Object>> out = new ArrayList<>();
        for (Project p : projects) {
            for (Event e : data(p).events()) {
                if (window.test(e.dateCreated())) {
                    out.add(List.of(p.slug(), e.eventId(), e.issueId(), e.title(), e.dateCreated(), e.user().email()));
                }
            }
        }
        return out;
    }

    private static List<List<Object>> eventRows(ReportsFixture.Run run) {
        return run.rows().stream().map(r -> List.of(r.get("projectSlug"), r.get("eventID"), r.get("groupID"),
                r.get("title"), r.get("dateCreated"), r.get("userEmail"))).toList();
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private ReportsFixture.Run events(Map<String, Object> params, List<List<Object>> expected) {
        long before = fx.served(EVENTS);
        ReportsFixture.Run run = fx.run("project-events", params);
        assertEquals(expected, eventRows(run));
        long perWeb = expected.stream().filter(r -> r.get(0).equals(web.slug())).count();
        long perApi = expected.size() - perWeb;
        assertEquals(ReportsFixture.pages(perWeb) + ReportsFixture.pages(perApi), fx.served(EVENTS) - before,
                "one request per Sentry page of each project");
        assertEquals(ReportsFixture.pages(perWeb) + ReportsFixture.pages(perApi), run.pages().size());
        return run;
    }

    @Test
    void eventsOfTwoProjectsOverTheWholeRetentionSpanManyPages() {
        List<List<Object>> expected = expectedEvents(List.of(web, api),
                in("2025-12-15T10:30:00Z", "2026-03-15T10:30:00Z"));
        assertEquals(900 - expected.stream().filter(r -> ((Instant) r.get(4))
                .isBefore(Instant.parse("2025-12-15T10:30:00Z"))).count(), expected.size());
        ReportsFixture.Run run = events(params("projects", List.of(web.slug(), api.id()), "daysBack", 90),
                expected);
        assertTrue(run.pages().size() >= 10, "at least 5 pages per project");
        assertNull(run.rows().get(0).get("entries"), "entries only with full=true");
    }

    @Test
    void eachDateWindowForm() {
        List<Project> both = List.of(web, api);
        List<String> slugs = List.of(web.slug(), api.slug());
        events(params("projects", slugs, "date", "2026-03-01"),
                expectedEvents(both, in("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")));
        events(params("projects", slugs, "daysBack", 7),
                expectedEvents(both, in("2026-03-08T10:30:00Z", "2026-03-15T10:30:00Z")));
        events(params("projects", slugs, "daysBack", "7"),
                expectedEvents(both, in("2026-03-08T10:30:00Z", "2026-03-15T10:30:00Z")));
        events(params("projects", slugs, "start", 10, "end", 5),
                expectedEvents(both, in("2026-03-05T10:30:00Z", "2026-03-10T10:30:00Z")));
        events(params("projects", slugs, "start", "2026-02-01", "end", "2026-02-10"),
                expectedEvents(both, in("2026-02-01T00:00:00Z", "2026-02-11T00:00:00Z")));
        events(params("projects", slugs, "start", "2026-03-12", "end", "0"),
                expectedEvents(both, in("2026-03-12T00:00:00Z", "2026-03-15T10:30:00Z")));
        events(params("projects", String.join(",", slugs)),
                expectedEvents(both, in("2026-03-01T10:30:00Z", "2026-03-15T10:30:00Z")));
    }

    @Test
    void windowErrorsNameTheParameterAndSendNothing() {
        long before = fx.sim.stats().total();
        Object[][] bad = {
                {"end", "before it starts", "start", 5, "end", 10},
                {"date", "retention", "date", "2025-12-01"},
                {"daysBack", "retention", "daysBack", 120},
                {"date", "not a valid date", "date", "2026-02-30"},
                {"end", "go together", "start", 3}};
        for (Object[] b : bad) {
            Map<String, Object> p = params("projects", List.of(web.slug()));
            for (int i = 2; i < b.length; i += 2) {
                p.put((String) b[i], b[i + 1]);
            }
            ConnectorException e = fx.failure("project-events", p);
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertTrue(e.getMessage().startsWith("parameter '" + b[0] + "'"), e.getMessage());
            assertTrue(e.getMessage().contains((String) b[1]), e.getMessage());
        }
        assertEquals(before, fx.sim.stats().total());
    }

    @Test
    void fullEventsCarryTheirEntries() throws Exception {
        ReportsFixture.Run run = fx.run("project-events", params("projects", web.slug(), "daysBack", 5, "full", true));
        List<Event> expected = data(web).events().stream()
                .filter(e -> in("2026-03-10T10:30:00Z", "2026-03-15T10:30:00Z").test(e.dateCreated())).toList();
        assertEquals(expected.stream().map(Event::eventId).toList(), run.column("eventID"));
        for (int i = 0; i < expected.size(); i++) {
            Row r = run.rows().get(i);
            assertEquals(JSON.valueToTree(expected.get(i).entries().stream().map(en -> Map.of("type", en.type(),
                    "data", en.data())).toList()), JSON.readTree((String) r.get("entries")));
            assertEquals(expected.get(i).dateCreated().plusMillis(250), r.get("dateReceived"));
            assertEquals(4096L, r.get("size"));
        }
    }

    @Test
    void eventEntriesOneRowPerEntry() throws Exception {
        ReportsFixture.Run run = fx.run("project-events-entries", params("projects", List.of(web.slug(), api.slug()),
                "start", 4, "end", 1));
        List<List<Object>> expected = new ArrayList<>();
        List<JsonNode> expectedData = new ArrayList<>();
        for (Project p : List.of(web, api)) {
            for (Event e : data(p).events()) {
                if (in("2026-03-11T10:30:00Z", "2026-03-14T10:30:00Z").test(e.dateCreated())) {
                    for (int i = 0; i < e.entries().size(); i++) {
                        EventEntry en = e.entries().get(i);
                        expected.add(List.of(p.id(), e.eventId(), e.issueId(), e.dateCreated(), (long) i, en.type()));
                        expectedData.add(JSON.valueToTree(en.data()));
                    }
                }
            }
        }
        assertTrue(expected.size() > 20, "enough entries: " + expected.size());
        assertEquals(expected, run.rows().stream().map(r -> List.of(r.get("projectId"), r.get("eventID"),
                r.get("groupID"), r.get("dateCreated"), r.get("entryIndex"), r.get("type"))).toList());
        List<JsonNode> data = new ArrayList<>();
        for (Row r : run.rows()) {
            data.add(JSON.readTree((String) r.get("data")));
        }
        assertEquals(expectedData, data);
    }

    private static List<List<Object>> issueRows(ReportsFixture.Run run) {
        return run.rows().stream().map(r -> List.of(r.get("projectSlug"), r.get("id"), r.get("shortId"),
                r.get("status"), r.get("count"), r.get("userCount"), r.get("firstSeen"), r.get("lastSeen"))).toList();
    }

    private static List<List<Object>> expectedIssues(List<Project> projects, Predicate<Issue> filter) {
        List<List<Object>> out = new ArrayList<>();
        for (Project p : projects) {
            for (Issue i : data(p).issues()) {
                if (filter.test(i)) {
                    out.add(List.of(p.slug(), i.id(), i.shortId(), i.status(), i.count(), (long) i.userCount(),
                            i.firstSeen(), i.lastSeen()));
                }
            }
        }
        return out;
    }

    @Test
    void issuesOfSeveralProjectsEveryStatusByDefault() {
        long before = fx.served(ISSUES);
        ReportsFixture.Run run = fx.run("project-issues", params("projects", List.of(web.slug(), api.slug()),
                "daysBack", 90));
        Predicate<Instant> window = in("2025-12-15T10:30:00Z", "2026-03-15T10:30:00Z");
        List<List<Object>> expected = expectedIssues(List.of(web, api), i -> window.test(i.lastSeen()));
        assertEquals(expected, issueRows(run));
        assertEquals(300, expected.size(), "every issue has an event in the last 90 days");
        assertTrue(expected.stream().map(r -> r.get(3)).distinct().count() > 1, "several statuses");
        assertEquals(4, fx.served(ISSUES) - before, "two pages (limit=100) per project");
    }

    @Test
    void issuesWithAQuery() {
        Predicate<Instant> window = in("2026-02-13T10:30:00Z", "2026-03-15T10:30:00Z");
        ReportsFixture.Run run = fx.run("project-issues", params("projects", web.slug(), "daysBack", 30,
                "query", "is:unresolved"));
        assertEquals(expectedIssues(List.of(web), i -> window.test(i.lastSeen()) && i.status().equals("unresolved")),
                issueRows(run));
    }

    @Test
    void eventsAndEntriesOfIssues() {
        Issue a = data(web).issues().get(0);
        Issue b = data(api).issues().get(3);
        Predicate<Instant> window = in("2025-12-15T10:30:00Z", "2026-03-15T10:30:00Z");
        ReportsFixture.Run run = fx.run("issue-events", params("issue", List.of(a.id(), b.id()), "daysBack", 90));
        List<List<Object>> expected = new ArrayList<>();
        for (Issue i : List.of(a, b)) {
            Project p = i.projectId().equals(web.id()) ? web : api;
            data(p).events().stream().filter(e -> e.issueId().equals(i.id()) && window.test(e.dateCreated()))
                    .forEach(e -> expected.add(List.of(i.id(), p.id(), e.eventId(), e.dateCreated())));
        }
        assertEquals(6, expected.size(), "three events per issue");
        assertEquals(expected, run.rows().stream().map(r -> List.of(r.get("issueId"), r.get("projectId"),
                r.get("eventID"), r.get("dateCreated"))).toList());
        assertEquals(2, run.pages().size(), "one page per issue");

        ReportsFixture.Run entries = fx.run("issue-events-entries", params("issue", a.id(), "daysBack", 90));
        List<List<Object>> expectedEntries = new ArrayList<>();
        data(web).events().stream().filter(e -> e.issueId().equals(a.id()) && window.test(e.dateCreated()))
                .forEach(e -> {
                    for (int i = 0; i < e.entries().size(); i++) {
                        expectedEntries.add(List.of(a.id(), e.eventId(), (long) i, e.entries().get(i).type()));
                    }
                });
        assertEquals(expectedEntries, entries.rows().stream().map(r -> List.of(r.get("issueId"), r.get("eventID"),
                r.get("entryIndex"), r.get("type"))).toList());
    }

    @Test
    void unknownIssueIsNotFound() {
        ConnectorException e = fx.failure("issue-events", params("issue", "99"));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("issue 99"), e.getMessage());
        ConnectorException shortId = fx.failure("issue-events", params("issue", "WEB-1A"));
        assertEquals(ErrorKind.INVALID_REQUEST, shortId.kind());
        assertTrue(shortId.getMessage().startsWith("parameter 'issue': 'WEB-1A' is not an issue id"));
    }

    @Test
    void usersOfAllProjects() {
        ReportsFixture.Run run = fx.run("project-users", params("projects", "all"));
        List<List<Object>> expected = new ArrayList<>();
        for (Project p : fx.sim.org().projects()) {
            for (ProjectUser u : data(p).users()) {
                expected.add(List.of(p.slug(), u.id(), u.identifier(), u.email(), u.ipAddress(), u.dateCreated()));
            }
        }
        assertEquals(4 * 230, expected.size());
        assertEquals(expected, run.rows().stream().map(r -> List.of(r.get("projectSlug"), r.get("id"),
                r.get("identifier"), r.get("email"), r.get("ipAddress"), r.get("dateCreated"))).toList());
        assertEquals(4 * 3, run.pages().size(), "three Sentry pages per project");
    }

    @Test
    void usersWithAQuery() {
        ProjectUser u = data(api).users().get(150);
        ReportsFixture.Run run = fx.run("project-users", params("projects", api.slug(), "query",
                "email:" + u.email()));
        assertEquals(List.of(u.id()), run.column("id"));
        assertEquals(List.of(u.name()), run.column("name"));
    }

    @Test
    void feedbackInTheWindow() {
        ReportsFixture.Run run = fx.run("project-feedback", params("projects", List.of(web.slug(), api.slug()),
                "start", 40, "end", 10));
        Predicate<Instant> window = in("2026-02-03T10:30:00Z", "2026-03-05T10:30:00Z");
        List<List<Object>> expected = new ArrayList<>();
        for (Project p : List.of(web, api)) {
            for (Feedback f : data(p).feedback()) {
                if (window.test(f.dateCreated())) {
                    expected.add(List.of(p.slug(), f.id(), f.eventId(), f.issueId(), f.email(), f.comments(),
                            f.dateCreated()));
                }
            }
        }
        assertTrue(expected.size() > 10 && expected.size() < 240, "the window keeps some: " + expected.size());
        assertEquals(expected, run.rows().stream().map(r -> List.of(r.get("projectSlug"), r.get("id"),
                r.get("eventID"), r.get("issueId"), r.get("email"), r.get("comments"), r.get("dateCreated")))
                .toList());
        assertEquals(4, run.pages().size(), "two Sentry pages per project, filtered");
    }
}
