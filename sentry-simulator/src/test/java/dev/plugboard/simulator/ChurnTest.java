package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.model.OrgChurn;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChurnTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

    private static SentrySimulator start(long seed) {
        return SentrySimulator.start(SimulatorOptions.builder().seed(seed).members(200).teams(12).projects(30)
                .fixedNow(NOW).rateLimits(RateLimitPolicy.disabled()).build());
    }

    /** The org as sets a diff can compare: members, memberships with stored roles, project-team pairs. */
    private record Shape(Set<String> members, Map<String, String> memberships, Set<String> projectTeams) {
        static Shape of(OrgSnapshot org) {
            Map<String, String> ms = new TreeMap<>();
            for (Team t : org.teams()) {
                for (TeamMember tm : t.members()) {
                    ms.put(t.id() + "/" + tm.memberId(), tm.storedRole().map(r -> r.id()).orElse("null"));
                }
            }
            Set<String> pt = new TreeSet<>();
            for (Project p : org.projects()) {
                p.teamIds().forEach(t -> pt.add(p.id() + "/" + t));
            }
            return new Shape(org.members().stream().map(m -> m.id()).collect(Collectors.toCollection(TreeSet::new)),
                    ms, pt);
        }

        /** This shape with the reported changes applied, in order. */
        Shape apply(OrgChurn.Report report) {
            Set<String> m = new TreeSet<>(members);
            Map<String, String> ms = new TreeMap<>(memberships);
            Set<String> pt = new TreeSet<>(projectTeams);
            for (OrgChurn.Change c : report.changes()) {
                String member = c.member().orElse("");
                String pair = c.team().orElse("") + "/" + member;
                switch (c.kind()) {
                    case "member-left" -> {
                        assertThat(m.remove(member)).as("left: was a member " + member).isTrue();
                        ms.keySet().removeIf(k -> k.endsWith("/" + member));
                    }
                    case "member-joined" -> assertThat(m.add(member)).as("joined: new " + member).isTrue();
                    case "team-member-removed" -> assertThat(ms.remove(pair)).as("removed " + pair).isNotNull();
                    case "team-member-added" -> assertThat(ms.put(pair, c.to().orElse("null"))).as("added " + pair)
                            .isNull();
                    case "team-role-changed" -> assertThat(ms.put(pair, c.to().orElse("null"))).as("changed " + pair)
                            .isEqualTo(c.from().orElse("null")).isNotEqualTo(c.to().orElse("null"));
                    case "project-team-removed" -> assertThat(pt.remove(c.project().orElseThrow() + "/"
                            + c.team().orElseThrow())).isTrue();
                    case "project-team-added" -> assertThat(pt.add(c.project().orElseThrow() + "/"
                            + c.team().orElseThrow())).isTrue();
                    default -> throw new AssertionError("unknown kind " + c.kind());
                }
            }
            return new Shape(m, ms, pt);
        }
    }

    @Test
    void onePercentChangesEachKindByItsShareAndTheReportAccountsForTheWholeDifference() {
        try (SentrySimulator sim = start(5)) {
            OrgSnapshot before = sim.org();
            int memberships = before.teams().stream().mapToInt(t -> t.members().size()).sum();
            OrgChurn.Report report = sim.churn(1, 7);
            OrgSnapshot after = sim.org();
            assertThat(Shape.of(after)).isEqualTo(Shape.of(before).apply(report));
            int members = (int) Math.ceil(before.members().size() / 100.0);
            int teamShare = (int) Math.ceil(memberships / 100.0);
            assertThat(report.counts()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "member-left", members, "member-joined", members,
                    "team-member-removed", teamShare, "team-member-added", teamShare, "team-role-changed", teamShare,
                    "project-team-removed", 1, "project-team-added", 1));
            assertThat(after.members()).hasSize(before.members().size());
            // owners never leave; new members join active, with org role member and a login now
            report.changes().stream().filter(c -> c.kind().equals("member-left")).forEach(c ->
                    assertThat(before.member(c.member().orElseThrow()).orElseThrow().orgRole().id())
                            .isNotEqualTo("owner"));
            report.changes().stream().filter(c -> c.kind().equals("member-joined")).forEach(c -> {
                var m = after.member(c.member().orElseThrow()).orElseThrow();
                assertThat(m.pending()).isFalse();
                assertThat(m.orgRole().id()).isEqualTo("member");
                assertThat(m.user().orElseThrow().lastLogin()).contains(NOW);
            });
        }
    }

    @Test
    void sameSeedAndRunsGiveTheSameOrgOverHttpAndInCodeAndAnotherSeedAnother() throws Exception {
        String first;
        OrgSnapshot firstOrg;
        try (SentrySimulator a = start(5)) {
            Http http = new Http(a);
            var r = http.send("POST", "/__simulator/churn?percent=2&seed=7", null);
            assertThat(r.statusCode()).isEqualTo(200);
            first = r.body();
            JsonNode body = Http.json(r);
            assertThat(body.get("run").asInt()).isEqualTo(1);
            assertThat(body.get("percent").asDouble()).isEqualTo(2.0);
            assertThat(body.get("seed").asLong()).isEqualTo(7);
            assertThat(body.get("changes").size()).isEqualTo(body.get("counts").properties().stream()
                    .mapToInt(e -> e.getValue().asInt()).sum());
            assertThat(body.at("/changes/0/kind").asText()).isEqualTo("member-left");
            // the members list over HTTP shows the change
            String left = body.at("/changes/0/member").asText();
            var ids = new ArrayList<String>();
            Http.json(http.get("/api/0/organizations/sim-org/members/?per_page=100")).forEach(m ->
                    ids.add(m.get("id").asText()));
            Http.json(http.get("/api/0/organizations/sim-org/members/?per_page=100&cursor=100:1:0")).forEach(m ->
                    ids.add(m.get("id").asText()));
            Http.json(http.get("/api/0/organizations/sim-org/members/?per_page=100&cursor=100:2:0")).forEach(m ->
                    ids.add(m.get("id").asText()));
            assertThat(ids).hasSize(200).doesNotContain(left);
            a.churn(2, 7);
            firstOrg = a.org();
            JsonNode stats = Http.json(http.get("/__simulator/stats"));
            assertThat(stats.at("/changes/churnRuns").asInt()).isEqualTo(2);
        }
        try (SentrySimulator b = start(5)) {
            assertThat(new Http(b).send("POST", "/__simulator/churn?percent=2&seed=7", null).body())
                    .isEqualTo(first);
            b.churn(2, 7);
            assertThat(b.org()).isEqualTo(firstOrg);
        }
        try (SentrySimulator c = start(5)) {
            assertThat(new Http(c).send("POST", "/__simulator/churn?percent=2&seed=8", null).body())
                    .isNotEqualTo(first);
        }
    }

    @Test
    void badChurnRequestsAreRefusedWithWhatToFix() {
        try (SentrySimulator sim = start(5)) {
            OrgSnapshot before = sim.org();
            Http http = new Http(sim);
            var r = http.send("POST", "/__simulator/churn?seed=7", null);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Http.json(r).get("detail").asText()).isEqualTo("percent is required");
            r = http.send("POST", "/__simulator/churn?percent=0", null);
            assertThat(Http.json(r).get("detail").asText())
                    .isEqualTo("percent must be more than 0 and at most 100: 0.0");
            r = http.send("POST", "/__simulator/churn?percent=1&seed=x", null);
            assertThat(Http.json(r).get("detail").asText()).isEqualTo("seed must be a whole number: x");
            assertThat(http.get("/__simulator/churn").statusCode()).isEqualTo(405);
            assertThat(sim.org()).isEqualTo(before);
        }
    }

    @Test
    void theStandaloneJarChurnsARunningSimulator() throws Exception {
        try (SentrySimulator sim = start(5)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = ControlClient.run(new String[] {"churn", "--url", sim.baseUrl(), "--percent", "1", "--seed",
                "7"}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode body = Http.JSON.readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(body.get("run").asInt()).isEqualTo(1);
            assertThat(sim.stats().total()).isZero();
            err.reset();
            assertThat(ControlClient.run(new String[] {"churn", "--url", sim.baseUrl()}, System.out,
                    new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: churn needs --percent\n");
        }
    }
}
