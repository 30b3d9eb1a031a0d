package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.model.Event;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.ProjectData;
import dev.plugboard.simulator.model.ProjectUser;
import dev.plugboard.simulator.model.Repository;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportEndpointsTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static SentrySimulator sim;
    static Http http;
    static Project project;
    static ProjectData data;

    @BeforeAll
    static void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(9).members(30).teams(4).projects(12)
                .repositories(15).issuesPerProject(8).eventsPerIssue(4).usersPerProject(6).feedbackPerProject(3)
                .fixedNow(NOW).rateLimits(RateLimitPolicy.disabled()).build());
        http = new Http(sim);
        project = sim.org().projects().get(2);
        data = sim.projectData(project.slug()).orElseThrow();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void repositoriesByStatus() {
        long active = sim.org().repositories().stream().filter(Repository::active).count();
        assertThat(Http.json(http.get("/api/0/organizations/sim-org/repos/"))).hasSize((int) active);
        assertThat(Http.json(http.get("/api/0/organizations/sim-org/repos/?status=deleted")))
                .hasSize(15 - (int) active);
    }

    @Test
    void projectUsersAndQueries() {
        String base = "/api/0/projects/sim-org/" + project.slug() + "/users/";
        assertThat(Http.json(http.get(base))).hasSize(6);
        ProjectUser u = data.users().get(3);
        for (String q : new String[] {"id:" + u.identifier(), "email:" + u.email(), "username:" + u.username(),
            "ip:" + u.ipAddress()}) {
            JsonNode found = Http.json(http.get(base + "?query=" + q));
            assertThat(found).as(q).hasSize(1);
            assertThat(found.get(0).get("id").asText()).isEqualTo(u.id());
        }
    }

    @Test
    void feedbackEventsAndEntries() {
        assertThat(Http.json(http.get("/api/0/projects/sim-org/" + project.slug() + "/user-feedback/"))).hasSize(3);
        JsonNode events = Http.json(http.get("/api/0/projects/sim-org/" + project.id() + "/events/"));
        assertThat(events).hasSize(32);
        assertThat(events.get(0).has("entries")).isFalse();
        assertThat(events.get(0).get("eventID").asText()).isEqualTo(data.events().get(0).eventId());
        JsonNode full = Http.json(http.get("/api/0/projects/sim-org/" + project.slug() + "/events/?full=true"));
        assertThat(full.get(0).get("entries")).hasSize(3);
        assertThat(full.get(0).at("/entries/0/type").asText()).isEqualTo("exception");
        Instant start = NOW.minus(Duration.ofDays(30));
        long inWindow = data.events().stream().filter(e -> !e.dateCreated().isBefore(start)
                && e.dateCreated().isBefore(NOW)).count();
        assertThat(Http.json(http.get("/api/0/projects/sim-org/" + project.slug() + "/events/?statsPeriod=30d")))
                .hasSize((int) inWindow);
        assertThat(Http.json(http.get("/api/0/projects/sim-org/" + project.slug() + "/events/?start=" + start
                + "&end=" + NOW))).hasSize((int) inWindow);
    }

    @Test
    void issuesAndIssueEvents() {
        String base = "/api/0/organizations/sim-org/issues/?project=" + project.id();
        long all = data.issues().size();
        assertThat(Http.json(http.get(base + "&query=&statsPeriod=90d"))).hasSize((int) all);
        long unresolved = data.issues().stream().filter(i -> i.status().equals("unresolved")).count();
        var r = http.get(base + "&statsPeriod=90d");
        assertThat(Http.json(r)).hasSize((int) unresolved);
        assertThat(r.headers().firstValue("X-Hits")).contains(String.valueOf(unresolved));
        long recent = data.issues().stream().filter(i -> i.status().equals("unresolved")
                && !i.lastSeen().isBefore(NOW.minus(Duration.ofDays(14)))).count();
        assertThat(Http.json(http.get(base))).hasSize((int) recent);
        Issue issue = data.issues().get(0);
        JsonNode events = Http.json(http.get("/api/0/organizations/sim-org/issues/" + issue.id()
                + "/events/?full=true"));
        assertThat(events).hasSize(4);
        for (JsonNode e : events) {
            assertThat(e.get("groupID").asText()).isEqualTo(issue.id());
            assertThat(e.get("entries")).hasSize(3);
        }
        assertThat(data.events().stream().filter(e -> e.issueId().equals(issue.id())).map(Event::eventId))
                .hasSize(4);
        assertThat(http.get("/api/0/organizations/sim-org/issues/123/events/").statusCode()).isEqualTo(404);
    }

    @Test
    void statsV2GroupsAndSeries() {
        JsonNode s = Http.json(http.get("/api/0/organizations/sim-org/stats_v2/?field=sum(quantity)"
                + "&groupBy=outcome&groupBy=category&statsPeriod=2d&interval=1d&project=" + project.id()));
        assertThat(s.get("start").asText()).isEqualTo("2025-06-13T00:00:00Z");
        assertThat(s.get("end").asText()).isEqualTo("2025-06-16T00:00:00Z");
        assertThat(s.get("intervals")).hasSize(3);
        assertThat(s.get("groups")).hasSize(15);
        for (JsonNode g : s.get("groups")) {
            long sum = 0;
            for (JsonNode v : g.at("/series/sum(quantity)")) {
                sum += v.asLong();
            }
            assertThat(g.at("/totals/sum(quantity)").asLong()).isEqualTo(sum);
        }
        JsonNode hourly = Http.json(http.get("/api/0/organizations/sim-org/stats_v2/?field=sum(quantity)"
                + "&category=error&outcome=accepted&statsPeriod=24h&interval=1h"));
        assertThat(hourly.get("intervals")).hasSize(24);
        assertThat(hourly.get("groups")).hasSize(1);
        JsonNode daily = Http.json(http.get("/api/0/organizations/sim-org/stats_v2/?field=sum(quantity)"
                + "&category=error&outcome=accepted&start=2025-06-14T10:00:00Z&end=2025-06-15T10:00:00Z"
                + "&interval=1h"));
        assertThat(daily.at("/groups/0/totals/sum(quantity)")).isEqualTo(hourly.at("/groups/0/totals/sum(quantity)"));
        assertThat(http.get("/api/0/organizations/sim-org/stats_v2/?field=sum(quantity)&interval=30m").body())
                .isEqualTo("{\"detail\":\"The interval has to be a multiple of the minimum interval of one hour.\"}");
        JsonNode legacy = Http.json(http.get("/api/0/projects/sim-org/" + project.slug() + "/stats/?stat=received"
                + "&resolution=1h&since=" + (NOW.getEpochSecond() - 6 * 3600) + "&until=" + NOW.getEpochSecond()));
        assertThat(legacy).hasSize(6);
        assertThat(legacy.get(0).get(0).asLong()).isEqualTo(NOW.getEpochSecond() - 6 * 3600);
    }
}
