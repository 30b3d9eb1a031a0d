package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaginationTest {
    static SentrySimulator sim;
    static Http http;

    @BeforeAll
    static void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(3).members(2_550).teams(5).projects(3)
                .issuesPerProject(40).eventsPerIssue(6).rateLimits(RateLimitPolicy.disabled()).build());
        http = new Http(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void firstPageLinkHeaderHasSentrysExactFormat() {
        HttpResponse<String> r = http.get("/api/0/organizations/sim-org/members/");
        String base = sim.baseUrl() + "/api/0/organizations/sim-org/members/?";
        assertThat(r.headers().firstValue("Link").orElseThrow()).isEqualTo(
                "<" + base + "&cursor=100:-1:1>; rel=\"previous\"; results=\"false\"; cursor=\"100:-1:1\", "
                        + "<" + base + "&cursor=100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\"");
        assertThat(Http.json(r)).hasSize(100);
    }

    @Test
    void walkingThousandsOfMembersFollowsCursorsToTheEnd() {
        String path = "/api/0/organizations/sim-org/members/?per_page=100";
        Set<String> ids = new HashSet<>();
        HttpResponse<String> r = http.get(path);
        int pages = 1;
        Http.json(r).forEach(m -> ids.add(m.get("id").asText()));
        var next = Http.nextCursor(r);
        while (next.isPresent()) {
            assertThat(next.get()).isEqualTo("100:" + pages + ":0");
            r = http.get(path + "&cursor=" + next.get());
            pages++;
            Http.json(r).forEach(m -> ids.add(m.get("id").asText()));
            next = Http.nextCursor(r);
        }
        assertThat(pages).isEqualTo(26);
        assertThat(ids).hasSize(2_550);
        String base = sim.baseUrl() + "/api/0/organizations/sim-org/members/?per_page=100";
        assertThat(r.headers().firstValue("Link").orElseThrow()).isEqualTo(
                "<" + base + "&cursor=100:24:1>; rel=\"previous\"; results=\"true\"; cursor=\"100:24:1\", "
                        + "<" + base + "&cursor=100:26:0>; rel=\"next\"; results=\"false\"; cursor=\"100:26:0\"");
        assertThat(Http.json(r)).hasSize(50);
    }

    @Test
    void smallerPagesAndPerPageLimits() {
        HttpResponse<String> r = http.get("/api/0/organizations/sim-org/members/?per_page=7");
        assertThat(Http.json(r)).hasSize(7);
        assertThat(Http.nextCursor(r)).contains("7:1:0");
        HttpResponse<String> tooMany = http.get("/api/0/organizations/sim-org/members/?per_page=101");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("{\"detail\":\"Invalid per_page value. Cannot exceed 100.\"}");
        HttpResponse<String> badCursor = http.get("/api/0/organizations/sim-org/members/?cursor=abc");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).isEqualTo("{\"detail\":\"Invalid cursor parameter.\"}");
    }

    @Test
    void eventListsUseRowCursors() {
        String slug = sim.org().projects().get(0).slug();
        String path = "/api/0/projects/sim-org/" + slug + "/events/";
        HttpResponse<String> r = http.get(path);
        assertThat(Http.json(r)).hasSize(100);
        String base = sim.baseUrl() + path + "?";
        assertThat(r.headers().firstValue("Link").orElseThrow()).isEqualTo(
                "<" + base + "&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", "
                        + "<" + base + "&cursor=0:100:0>; rel=\"next\"; results=\"true\"; cursor=\"0:100:0\"");
        int total = 0;
        String cursor = "0:0:0";
        while (true) {
            HttpResponse<String> page = http.get(path + "?cursor=" + cursor);
            total += Http.json(page).size();
            var next = Http.nextCursor(page);
            if (next.isEmpty()) {
                break;
            }
            cursor = next.get();
        }
        assertThat(total).isEqualTo(240);
    }

    @Test
    void issueListsTakeLimitAndSendHits() {
        String id = sim.org().projects().get(1).id();
        HttpResponse<String> r = http.get("/api/0/organizations/sim-org/issues/?project=" + id
                + "&query=&statsPeriod=90d&limit=15");
        JsonNode issues = Http.json(r);
        assertThat(issues).hasSize(15);
        assertThat(r.headers().firstValue("X-Hits")).contains("40");
        assertThat(Http.nextCursor(r)).contains("0:15:0");
        assertThat(http.get("/api/0/organizations/sim-org/issues/?limit=101").statusCode()).isEqualTo(400);
    }
}
