package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.MemberStatus;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdentityEndpointsTest {
    static SentrySimulator sim;
    static Http http;
    static OrgSnapshot org;

    @BeforeAll
    static void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(420).teams(12).projects(30)
                .rateLimits(RateLimitPolicy.disabled()).build());
        http = new Http(sim);
        org = sim.org();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void apiIndexAnswersVersion() {
        HttpResponse<String> r = http.as(null).get("/api/0/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"version\":\"0\"}");
    }

    @Test
    void organizationDetailHasRegionUrlRoleListsTeamsAndProjects() {
        JsonNode o = Http.json(http.get("/api/0/organizations/sim-org/"));
        assertThat(o.get("slug").asText()).isEqualTo("sim-org");
        assertThat(o.at("/links/regionUrl").asText()).isEqualTo(sim.baseUrl());
        assertThat(o.at("/links/organizationUrl").asText()).isEqualTo(sim.baseUrl());
        List<String> roles = new ArrayList<>();
        o.get("orgRoleList").forEach(r -> roles.add(r.get("id").asText()));
        assertThat(roles).containsExactly("member", "admin", "manager", "owner", "billing");
        assertThat(o.get("teamRoleList")).hasSize(2);
        assertThat(o.get("teams")).hasSize(12);
        assertThat(o.get("projects")).hasSize(30);
        JsonNode brief = Http.json(http.get("/api/0/organizations/" + org.organization().id() + "/?detailed=0"));
        assertThat(brief.has("teams")).isFalse();
        assertThat(brief.has("projects")).isFalse();
        assertThat(brief.get("orgRoleList")).hasSize(5);
        JsonNode list = Http.json(http.get("/api/0/organizations/"));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("slug").asText()).isEqualTo("sim-org");
    }

    @Test
    void generatedOrgHasEveryKindOfMemberAndTeam() {
        assertThat(org.members()).hasSize(420);
        assertThat(org.members()).extracting(Member::status).contains(MemberStatus.ACTIVE, MemberStatus.INVITED,
                MemberStatus.EXPIRED);
        assertThat(org.members()).extracting(Member::orgRole).contains(OrgRole.values());
        assertThat(org.members().stream().filter(Member::pending)).allMatch(m -> m.user().isEmpty());
        assertThat(org.teams()).anyMatch(t -> t.members().size() > 100);
        assertThat(org.teams()).anyMatch(t -> t.members().isEmpty());
        assertThat(org.teams()).anyMatch(Team::idpProvisioned);
        assertThat(org.projects()).anyMatch(p -> p.teamIds().size() > 1);
        assertThat(org.teams().stream().flatMap(t -> t.members().stream()))
                .allMatch(tm -> org.member(tm.memberId()).orElseThrow().user().isPresent());
    }

    @Test
    void membersListMatchesTheModelExactly() {
        List<JsonNode> all = new ArrayList<>();
        String path = "/api/0/organizations/sim-org/members/";
        HttpResponse<String> r = http.get(path);
        Http.json(r).forEach(all::add);
        var next = Http.nextCursor(r);
        while (next.isPresent()) {
            r = http.get(path + "?cursor=" + next.get());
            Http.json(r).forEach(all::add);
            next = Http.nextCursor(r);
        }
        assertThat(all).hasSize(420);
        for (int i = 0; i < all.size(); i++) {
            Member m = org.members().get(i);
            JsonNode n = all.get(i);
            assertThat(n.get("id").asText()).isEqualTo(m.id());
            assertThat(n.get("email").asText()).isEqualTo(m.email());
            assertThat(n.get("orgRole").asText()).isEqualTo(m.orgRole().id());
            assertThat(n.get("pending").asBoolean()).isEqualTo(m.pending());
            assertThat(n.get("expired").asBoolean()).isEqualTo(m.expired());
            assertThat(n.get("user").isNull()).isEqualTo(m.user().isEmpty());
            assertThat(n.at("/flags/sso:linked").asBoolean()).isEqualTo(m.flags().ssoLinked());
        }
    }

    @Test
    void memberDetailHasTeamsAndTeamRoles() {
        Team big = org.teams().stream().filter(t -> t.members().size() > 100).findFirst().orElseThrow();
        String memberId = big.members().get(0).memberId();
        JsonNode d = Http.json(http.get("/api/0/organizations/sim-org/members/" + memberId + "/"));
        assertThat(d.get("id").asText()).isEqualTo(memberId);
        List<String> teams = new ArrayList<>();
        d.get("teams").forEach(t -> teams.add(t.asText()));
        assertThat(teams).contains(big.slug());
        long expectedTeams = org.teams().stream()
                .filter(t -> t.members().stream().anyMatch(tm -> tm.memberId().equals(memberId))).count();
        assertThat(d.get("teamRoles")).hasSize((int) expectedTeams);
        assertThat(http.get("/api/0/organizations/sim-org/members/999/").statusCode()).isEqualTo(404);
    }

    @Test
    void teamMembersCarryTeamRoleAndPageBeyondHundred() {
        Team big = org.teams().stream().filter(t -> t.members().size() > 100).findFirst().orElseThrow();
        String path = "/api/0/teams/sim-org/" + big.id() + "/members/";
        HttpResponse<String> first = http.get(path);
        assertThat(Http.json(first)).hasSize(100);
        String cursor = Http.nextCursor(first).orElseThrow();
        assertThat(cursor).isEqualTo("100:1:0");
        JsonNode second = Http.json(http.get(path + "?cursor=" + cursor));
        assertThat(second).hasSize(big.members().size() - 100);
        JsonNode one = Http.json(first).get(0);
        assertThat(one.get("id").asText()).isEqualTo(big.members().get(0).memberId());
        // the stored role, raw: null unless admin was stored (src/sentry/core/endpoints/team_members.py)
        assertThat(one.get("teamRole").isNull() ? "null" : one.get("teamRole").asText())
                .isEqualTo(big.members().get(0).storedRole().map(r -> r.id()).orElse("null"));
        Team empty = org.teams().stream().filter(t -> t.members().isEmpty()).findFirst().orElseThrow();
        assertThat(Http.json(http.get("/api/0/teams/sim-org/" + empty.slug() + "/members/"))).isEmpty();
    }

    @Test
    void projectsCarryTheirTeamsAndBothDirectionsAgree() {
        JsonNode projects = Http.json(http.get("/api/0/organizations/sim-org/projects/"));
        assertThat(projects).hasSize(30);
        for (JsonNode p : projects) {
            Project model = org.project(p.get("slug").asText()).orElseThrow();
            List<String> teamIds = new ArrayList<>();
            p.get("teams").forEach(t -> teamIds.add(t.get("id").asText()));
            assertThat(teamIds).isEqualTo(model.teamIds());
        }
        Project shared = org.projects().stream().filter(p -> p.teamIds().size() > 1).findFirst().orElseThrow();
        assertThat(Http.json(http.get("/api/0/projects/sim-org/" + shared.slug() + "/teams/")))
                .hasSize(shared.teamIds().size());
        Team team = org.teamsById().get(shared.teamIds().get(0));
        JsonNode teamProjects = Http.json(http.get("/api/0/teams/sim-org/" + team.slug() + "/projects/"));
        List<String> slugs = new ArrayList<>();
        teamProjects.forEach(p -> slugs.add(p.get("slug").asText()));
        assertThat(slugs).contains(shared.slug());
        JsonNode teams = Http.json(http.get("/api/0/organizations/sim-org/teams/"));
        assertThat(teams).hasSize(12);
        assertThat(teams.get(0).has("projects")).isTrue();
        assertThat(Http.json(http.get("/api/0/organizations/sim-org/teams/?detailed=0")).get(0).has("projects"))
                .isFalse();
    }

    @Test
    void deprecatedProjectListIsGoneAndUnknownPathsAre404() {
        HttpResponse<String> gone = http.get("/api/0/projects/");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).isEqualTo("{\"detail\":\"This API no longer exists.\"}");
        sim.addToken(ApiToken.fullScope("sntryu_simulator_test_identity_user"));
        HttpResponse<String> missing = http.as("sntryu_simulator_test_identity_user")
                .get("/api/0/organizations/other-org/members/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"detail\":\"The requested resource does not exist\"}");
        assertThat(http.get("/api/0/teams/sim-org/no-such-team/members/").body())
                .isEqualTo("{\"detail\":\"The requested resource does not exist\"}");
    }
}
