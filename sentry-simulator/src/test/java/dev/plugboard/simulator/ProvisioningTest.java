package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamRole;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProvisioningTest {
    static final String USER = "sntryu_simulator_test_owner";
    static final String ORG_READ = "sntryi_simulator_test_org_read";
    SentrySimulator sim;
    Http http;

    @BeforeEach
    void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(5).members(80).teams(8).projects(10)
                .rateLimits(RateLimitPolicy.disabled()).build());
        sim.addToken(ApiToken.fullScope(USER));
        sim.addToken(ApiToken.of(ORG_READ, List.of("org:read", "member:read")));
        http = new Http(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Member activeMemberNotIn(Team t) {
        return sim.org().members().stream().filter(m -> !m.pending() && m.orgRole() == OrgRole.MEMBER)
                .filter(m -> t.members().stream().noneMatch(tm -> tm.memberId().equals(m.id())))
                .findFirst().orElseThrow();
    }

    private Team ordinaryTeam() {
        return sim.org().teams().stream().filter(t -> !t.idpProvisioned() && !t.members().isEmpty()).findFirst()
                .orElseThrow();
    }

    @Test
    void addToTeamAnswers201Then204AndReadsSeeIt() {
        Team t = ordinaryTeam();
        Member m = activeMemberNotIn(t);
        String path = "/api/0/organizations/sim-org/members/" + m.id() + "/teams/" + t.slug() + "/";
        HttpResponse<String> added = http.send("POST", path, null);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(Http.json(added).get("memberCount").asInt()).isEqualTo(t.members().size() + 1);
        assertThat(http.send("POST", path, null).statusCode()).isEqualTo(204);
        assertThat(sim.org().team(t.slug()).orElseThrow().members()).anyMatch(tm -> tm.memberId().equals(m.id()));
        JsonNode detail = Http.json(http.get("/api/0/organizations/sim-org/members/" + m.id() + "/"));
        assertThat(detail.get("teams").toString()).contains("\"" + t.slug() + "\"");
        HttpResponse<String> role = http.send("PUT", path, "{\"teamRole\":\"admin\"}");
        assertThat(role.body()).isEqualTo("{\"isActive\":true,\"teamRole\":\"admin\"}");
        assertThat(sim.org().team(t.slug()).orElseThrow().members().stream()
                .filter(tm -> tm.memberId().equals(m.id())).findFirst().orElseThrow().storedRole())
                .contains(TeamRole.ADMIN);
        HttpResponse<String> bad = http.send("PUT", path, "{\"teamRole\":\"boss\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"teamRole\":[\"\\\"boss\\\" is not a valid choice.\"]}");
        HttpResponse<String> removed = http.send("DELETE", path, null);
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(Http.json(removed).get("memberCount").asInt()).isEqualTo(t.members().size());
        assertThat(sim.org().team(t.slug()).orElseThrow().members()).noneMatch(tm -> tm.memberId().equals(m.id()));
    }

    @Test
    void withoutTeamWriteAnAccessRequestIsCreated() {
        Team t = ordinaryTeam();
        Member m = activeMemberNotIn(t);
        HttpResponse<String> r = http.as(ORG_READ).send("POST", "/api/0/organizations/sim-org/members/" + m.id()
                + "/teams/" + t.slug() + "/", null);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(sim.accessRequests()).hasSize(1);
        assertThat(sim.org().team(t.slug()).orElseThrow().members()).noneMatch(tm -> tm.memberId().equals(m.id()));
    }

    @Test
    void idpProvisionedTeamsRefuseMembershipChanges() {
        Team idp = sim.org().teams().stream().filter(Team::idpProvisioned).findFirst().orElseThrow();
        Member m = activeMemberNotIn(idp);
        String body = "{\"detail\":\"This team is managed through your organization's identity provider.\"}";
        HttpResponse<String> add = http.send("POST", "/api/0/organizations/sim-org/members/" + m.id() + "/teams/"
                + idp.slug() + "/", null);
        assertThat(add.statusCode()).isEqualTo(403);
        assertThat(add.body()).isEqualTo(body);
        if (!idp.members().isEmpty()) {
            HttpResponse<String> del = http.send("DELETE", "/api/0/organizations/sim-org/members/"
                    + idp.members().get(0).memberId() + "/teams/" + idp.slug() + "/", null);
            assertThat(del.statusCode()).isEqualTo(403);
            assertThat(del.body()).isEqualTo(body);
        }
    }

    @Test
    void inviteRulesAndVisibility() {
        HttpResponse<String> asAdmin = http.send("POST", "/api/0/organizations/sim-org/members/",
                "{\"email\":\"new.admin@example.com\",\"orgRole\":\"admin\"}");
        assertThat(asAdmin.statusCode()).isEqualTo(400);
        // raised outside the serializer: a bare list (src/sentry/core/endpoints/organization_member_index.py)
        assertThat(asAdmin.body()).isEqualTo("[\"Integration tokens are restricted to inviting new "
                + "members with the member role only.\"]");
        Team t = ordinaryTeam();
        HttpResponse<String> invited = http.send("POST", "/api/0/organizations/sim-org/members/",
                "{\"email\":\"new.member@example.com\",\"orgRole\":\"member\",\"teamRoles\":[{\"teamSlug\":\""
                        + t.slug() + "\",\"role\":\"contributor\"}],\"sendInvite\":false}");
        assertThat(invited.statusCode()).isEqualTo(201);
        JsonNode m = Http.json(invited);
        assertThat(m.get("pending").asBoolean()).isTrue();
        assertThat(m.get("user").isNull()).isTrue();
        assertThat(sim.org().members()).hasSize(81);
        assertThat(sim.org().member(m.get("id").asText()).orElseThrow().email()).isEqualTo("new.member@example.com");
        HttpResponse<String> again = http.send("POST", "/api/0/organizations/sim-org/members/",
                "{\"email\":\"new.member@example.com\"}");
        assertThat(again.body()).isEqualTo("{\"email\":[\"The user new.member@example.com has already been invited\"]}");
        HttpResponse<String> asOwner = http.as(USER).send("POST", "/api/0/organizations/sim-org/members/",
                "{\"email\":\"new.owner@example.com\",\"orgRole\":\"owner\"}");
        assertThat(asOwner.statusCode()).isEqualTo(201);
        HttpResponse<String> badEmail = http.send("POST", "/api/0/organizations/sim-org/members/",
                "{\"email\":\"nope\"}");
        assertThat(badEmail.body()).isEqualTo("{\"email\":[\"Enter a valid email address.\"]}");
    }

    @Test
    void orgRoleChangesNeedAUserToken() {
        Member m = sim.org().members().stream().filter(x -> x.orgRole() == OrgRole.MEMBER && !x.pending()
                && !x.flags().idpRoleRestricted()).findFirst().orElseThrow();
        String path = "/api/0/organizations/sim-org/members/" + m.id() + "/";
        // an integration token is no member: get_allowed_org_roles finds no role it may assign
        // (src/sentry/core/endpoints/organization_member_utils.py)
        HttpResponse<String> integration = http.send("PUT", path, "{\"orgRole\":\"manager\"}");
        assertThat(integration.statusCode()).isEqualTo(400);
        assertThat(integration.body()).isEqualTo("{\"orgRole\":[\"You do not have permission to set that "
                + "org-level role\"]}");
        HttpResponse<String> user = http.as(USER).send("PUT", path, "{\"orgRole\":\"manager\"}");
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(Http.json(user).get("orgRole").asText()).isEqualTo("manager");
        assertThat(sim.org().member(m.id()).orElseThrow().orgRole()).isEqualTo(OrgRole.MANAGER);
        assertThat(Http.json(http.get(path)).get("orgRole").asText()).isEqualTo("manager");
    }

    @Test
    void removeMemberAndProjectTeamAccess() {
        Member m = sim.org().members().stream().filter(x -> x.orgRole() == OrgRole.MEMBER
                && !x.flags().idpProvisioned()).skip(5).findFirst().orElseThrow();
        assertThat(http.send("DELETE", "/api/0/organizations/sim-org/members/" + m.id() + "/", null).statusCode())
                .isEqualTo(204);
        assertThat(sim.org().member(m.id())).isEmpty();
        assertThat(sim.org().teams()).allMatch(t -> t.members().stream().noneMatch(tm -> tm.memberId()
                .equals(m.id())));
        assertThat(http.get("/api/0/organizations/sim-org/members/" + m.id() + "/").statusCode()).isEqualTo(404);

        Project p = sim.org().projects().get(0);
        Team t = sim.org().teams().stream().filter(x -> !p.teamIds().contains(x.id())).findFirst().orElseThrow();
        HttpResponse<String> add = http.send("POST", "/api/0/projects/sim-org/" + p.slug() + "/teams/" + t.slug()
                + "/", null);
        assertThat(add.statusCode()).isEqualTo(201);
        assertThat(sim.org().project(p.slug()).orElseThrow().teamIds()).contains(t.id());
        assertThat(Http.json(http.get("/api/0/projects/sim-org/" + p.slug() + "/teams/")).toString())
                .contains("\"" + t.slug() + "\"");
        HttpResponse<String> del = http.send("DELETE", "/api/0/projects/sim-org/" + p.id() + "/teams/" + t.id()
                + "/", null);
        assertThat(del.statusCode()).isEqualTo(200);
        assertThat(sim.org().project(p.slug()).orElseThrow().teamIds()).isEqualTo(p.teamIds());
    }
}
