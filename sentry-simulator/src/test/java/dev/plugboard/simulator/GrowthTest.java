package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.simulator.model.Event;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.ProjectData;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GrowthTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

    private static SentrySimulator start(ManualClock clock) {
        return SentrySimulator.start(SimulatorOptions.builder().seed(9).members(20).teams(3).projects(4)
                .issuesPerProject(6).eventsPerIssue(3).feedbackPerProject(2).clock(clock)
                .rateLimits(RateLimitPolicy.disabled()).build());
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void eventsIssuesLateEventsAndFeedbackAppearWhereAnIncrementalReaderLooks() {
        ManualClock clock = ManualClock.at(NOW);
        try (SentrySimulator sim = start(clock)) {
            Http http = new Http(sim);
            Project project = sim.org().projects().get(1);
            ProjectData before = sim.projectData(project.id()).orElseThrow();
            Instant cursor = before.events().get(0).dateCreated();
            clock.advance(Duration.ofHours(1));
            Instant lateBefore = cursor.minus(Duration.ofMinutes(2));
            var r = http.send("POST", "/__simulator/grow?events=5&issues=2&feedback=2&late=1&lateBefore="
                    + lateBefore + "&seed=3&project=" + project.slug(), null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = Http.json(r);
            assertThat(body.get("run").asInt()).isEqualTo(1);
            assertThat(body.get("events")).hasSize(8);
            assertThat(body.get("newIssues")).hasSize(2);
            assertThat(body.get("feedback")).hasSize(2);
            ProjectData after = sim.projectData(project.id()).orElseThrow();
            assertThat(after.events()).hasSize(before.events().size() + 8);
            assertThat(after.issues()).hasSize(before.issues().size() + 2);
            assertThat(after.feedback()).hasSize(before.feedback().size() + 2);

            // new events: after the newest old event, at or before now; newest first
            List<Event> fresh = after.events().stream().filter(e -> e.dateCreated().isAfter(cursor)).toList();
            assertThat(fresh).hasSize(7).allSatisfy(e -> assertThat(e.dateCreated()).isBeforeOrEqualTo(clock.instant()));
            String events = "/api/0/projects/sim-org/" + project.slug() + "/events/";
            JsonNode sinceCursor = Http.json(http.get(events + "?start=" + cursor.plusSeconds(1) + "&end="
                    + clock.instant().plusSeconds(1)));
            assertThat(ids(sinceCursor, "eventID")).containsExactlyElementsOf(fresh.stream().map(Event::eventId)
                    .toList());
            // the late event: dated lateBefore - 1 s, so a reader past the cursor misses it without a lookback
            JsonNode late = body.get("events").get(7);
            assertThat(late.get("late").asBoolean()).isTrue();
            assertThat(late.get("dateCreated").asText()).isEqualTo(lateBefore.minusSeconds(1).toString());
            JsonNode lookback = Http.json(http.get(events + "?start=" + cursor.minus(Duration.ofMinutes(5)) + "&end="
                    + cursor.plusSeconds(1)));
            assertThat(ids(lookback, "eventID")).contains(late.get("id").asText());

            // an existing issue's lastSeen and count moved to its newest new event; the issues list shows it
            JsonNode updated = body.get("updatedIssues").get(0);
            Issue old = before.issues().stream().filter(i -> i.id().equals(updated.get("id").asText())).findFirst()
                    .orElseThrow();
            Issue moved = after.issues().stream().filter(i -> i.id().equals(old.id())).findFirst().orElseThrow();
            long added = after.events().stream().filter(e -> e.issueId().equals(old.id())).count()
                    - before.events().stream().filter(e -> e.issueId().equals(old.id())).count();
            assertThat(moved.count()).isEqualTo(old.count() + added);
            assertThat(moved.lastSeen()).isEqualTo(after.events().stream().filter(e -> e.issueId().equals(old.id()))
                    .map(Event::dateCreated).max(Instant::compareTo).orElseThrow());
            JsonNode issues = Http.json(http.get("/api/0/organizations/sim-org/issues/?project=" + project.id()
                    + "&query=&start=" + cursor.plusSeconds(1) + "&end=" + clock.instant().plusSeconds(1)));
            Set<String> touched = new java.util.TreeSet<>(ids(body.get("newIssues"), "id"));
            body.get("updatedIssues").forEach(i -> {
                if (Instant.parse(i.get("lastSeen").asText()).isAfter(cursor)) {
                    touched.add(i.get("id").asText());
                }
            });
            assertThat(new java.util.TreeSet<>(ids(issues, "id"))).isEqualTo(touched);
            // a new issue has exactly its one event, found by the issue events endpoint
            String newIssue = body.at("/newIssues/0/id").asText();
            assertThat(Http.json(http.get("/api/0/organizations/sim-org/issues/" + newIssue + "/events/")))
                    .hasSize(1);
            // feedback is on this run's new events
            Set<String> freshIds = body.get("events").findValuesAsText("id").stream().collect(Collectors.toSet());
            JsonNode feedback = Http.json(http.get("/api/0/projects/sim-org/" + project.slug() + "/user-feedback/"));
            assertThat(feedback).hasSize(before.feedback().size() + 2);
            assertThat(body.get("feedback").findValuesAsText("event")).allSatisfy(e -> assertThat(freshIds)
                    .contains(e));

            JsonNode stats = Http.json(http.get("/__simulator/stats"));
            assertThat(stats.at("/changes/growthRuns").asInt()).isEqualTo(1);
            assertThat(stats.at("/changes/events").asInt()).isEqualTo(7);
            assertThat(stats.at("/changes/lateEvents").asInt()).isEqualTo(1);
            assertThat(stats.at("/changes/issues").asInt()).isEqualTo(2);
            assertThat(stats.at("/changes/feedback").asInt()).isEqualTo(2);
        }
    }

    @Test
    void sameRequestsGiveTheSameDataAndRunsDoNotRepeatEachOther() {
        List<String> first = new ArrayList<>();
        for (int attempt = 0; attempt < 2; attempt++) {
            ManualClock clock = ManualClock.at(NOW);
            try (SentrySimulator sim = start(clock)) {
                List<String> bodies = new ArrayList<>();
                for (int run = 0; run < 2; run++) {
                    clock.advance(Duration.ofMinutes(30));
                    DataGrowth.Report report = sim.grow(new DataGrowth.Request(4, 20, 1, 1, 0, Optional.empty(),
                            List.of()));
                    bodies.add(report.toString());
                    bodies.add(new Http(sim).get("/api/0/projects/sim-org/" + sim.org().projects().get(0).slug()
                            + "/events/?full=true").body());
                }
                assertThat(bodies.get(0)).isNotEqualTo(bodies.get(2));
                if (attempt == 0) {
                    first.addAll(bodies);
                } else {
                    assertThat(bodies).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void badGrowRequestsAreRefusedWithWhatToFix() {
        try (SentrySimulator sim = start(ManualClock.at(NOW))) {
            Http http = new Http(sim);
            assertThat(Http.json(http.send("POST", "/__simulator/grow", null)).get("detail").asText())
                    .isEqualTo("nothing to add: give events, issues, feedback or late (with lateBefore)");
            assertThat(Http.json(http.send("POST", "/__simulator/grow?late=2", null)).get("detail").asText())
                    .isEqualTo("late events need lateBefore (the instant they are dated before)");
            assertThat(Http.json(http.send("POST", "/__simulator/grow?events=1&project=nope", null)).get("detail")
                    .asText()).isEqualTo("no such project: nope");
            assertThat(Http.json(http.send("POST", "/__simulator/grow?lateBefore=yesterday", null)).get("detail")
                    .asText()).isEqualTo("lateBefore must be an ISO instant like 2025-06-15T09:55:00Z: yesterday");
            var r = http.send("POST", "/__simulator/grow?lateBefore=2025-06-16T00:00:00Z", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Http.json(r).get("detail").asText())
                    .isEqualTo("lateBefore must not be after now (2025-06-15T10:00:00Z)");
        }
    }
}
