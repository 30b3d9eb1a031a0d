package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import dev.plugboard.simulator.model.TeamRole;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulator's roles and member writes follow getsentry/sentry's server code, not the plugin: each test names the
 * Sentry source file (paths in getsentry/sentry) whose behaviour it pins. Change the simulator only from that code.
 */
class SentryRolesFidelityTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");
    static final String USER = "sntryu_simulator_test_owner";
    static final String O = "/api/0/organizations/sim-org/";
    SentrySimulator sim;
    Http http;
    Http user;
    OrgSnapshot org;

    @BeforeEach
    void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(13).members(120).teams(8).projects(12)
                .fixedNow(NOW).rateLimits(RateLimitPolicy.disabled()).build());
        sim.addToken(ApiToken.fullScope(USER));
        http = new Http(sim);
        user = http.as(USER);
        org = sim.org();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private Member first(OrgRole role) {
        return org.members().stream().filter(m -> !m.pending() && m.orgRole() == role && !m.flags().idpProvisioned()
                && !m.id().equals("100001")).findFirst().orElseThrow();
    }

    private Team teamOf(Member m) {
        return org.teams().stream().filter(t -> t.members().stream().anyMatch(tm -> tm.memberId().equals(m.id())))
                .findFirst().orElseThrow();
    }

    private static String role(JsonNode n) {
        return n.isNull() ? "null" : n.asText();
    }

    @Test
    @DisplayName("team roles are stored raw, null for the org role's minimum (src/sentry/core/endpoints/team_members.py)")
    void teamRolesAreStoredRaw() {
        Team first = org.teamsById().get("3000001");
        Member manager = first(OrgRole.MANAGER);
        assertThat(first.members()).contains(TeamMember.minimum(manager.id()));
        JsonNode members = Http.json(http.get("/api/0/teams/sim-org/" + first.slug() + "/members/?per_page=100"));
        JsonNode row = null;
        for (JsonNode n : members) {
            if (n.get("id").asText().equals(manager.id())) {
                row = n;
            }
        }
        assertThat(row).isNotNull();
        // a manager is team admin through the org role, and nothing is stored
        assertThat(row.get("teamRole").isNull()).isTrue();
        assertThat(row.get("orgRole").asText()).isEqualTo("manager");
        long nulls = 0;
        long admins = 0;
        for (JsonNode n : members) {
            nulls += n.get("teamRole").isNull() ? 1 : 0;
            admins += role(n.get("teamRole")).equals("admin") ? 1 : 0;
        }
        assertThat(nulls + admins).isEqualTo(members.size());
        assertThat(nulls).isPositive();
        // the member detail's teamRoles carry the same stored value
        JsonNode detail = Http.json(http.get(O + "members/" + manager.id() + "/"));
        for (JsonNode tr : detail.get("teamRoles")) {
            if (tr.get("teamSlug").asText().equals(first.slug())) {
                assertThat(tr.get("role").isNull()).isTrue();
            }
        }
    }

    @Test
    @DisplayName("orgRoleList gives each role's minimumTeamRole; billing has no team roles "
            + "(src/sentry/api/serializers/models/role.py, src/sentry/conf/server.py)")
    void orgRoleListCarriesMinimumTeamRoles() {
        JsonNode list = Http.json(http.get(O)).get("orgRoleList");
        StringBuilder seen = new StringBuilder();
        for (JsonNode r : list) {
            seen.append(r.get("id").asText()).append('=').append(r.get("minimumTeamRole").asText()).append('/')
                    .append(r.get("isTeamRolesAllowed").asBoolean()).append(' ');
        }
        assertThat(seen.toString().trim()).isEqualTo("member=contributor/true admin=admin/true manager=admin/true "
                + "owner=admin/true billing=contributor/false");
        assertThat(org.teams()).allSatisfy(t -> assertThat(t.members()).noneMatch(tm ->
                org.member(tm.memberId()).orElseThrow().orgRole() == OrgRole.BILLING));
        Member billing = org.members().stream().filter(m -> !m.pending() && m.orgRole() == OrgRole.BILLING)
                .findFirst().orElseThrow();
        HttpResponse<String> r = http.send("POST", O + "members/" + billing.id() + "/teams/"
                + org.teams().get(0).slug() + "/", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"detail\":\"The user with a 'billing' role cannot have team-level "
                + "permissions.\"}");
    }

    @Test
    @DisplayName("a team may carry an org role (orgRole in the teams list) and its members show it in groupOrgRoles "
            + "(src/sentry/api/serializers/models/team.py, "
            + "src/sentry/api/serializers/models/organization_member/base.py)")
    void teamOrgRolesAndGroupOrgRoles() {
        Team carrier = org.teams().stream().filter(t -> t.orgRole().isPresent()).findFirst().orElseThrow();
        assertThat(carrier.orgRole()).contains(OrgRole.MANAGER);
        assertThat(carrier.members()).isNotEmpty();
        JsonNode teams = Http.json(http.get(O + "teams/?detailed=0"));
        for (JsonNode t : teams) {
            assertThat(role(t.get("orgRole"))).isEqualTo(t.get("slug").asText().equals(carrier.slug()) ? "manager"
                    : "null");
        }
        String inCarrier = carrier.members().get(0).memberId();
        List<JsonNode> rows = new java.util.ArrayList<>();
        Http.json(http.get(O + "members/?per_page=100")).forEach(rows::add);
        Http.json(http.get(O + "members/?per_page=100&cursor=100:1:0")).forEach(rows::add);
        assertThat(rows).hasSize(120);
        for (JsonNode m : rows) {
            boolean member = carrier.members().stream().anyMatch(tm -> tm.memberId().equals(m.get("id").asText()));
            assertThat(m.has("groupOrgRoles")).as(m.get("id").asText()).isEqualTo(member);
            if (m.get("id").asText().equals(inCarrier)) {
                JsonNode g = m.get("groupOrgRoles");
                assertThat(g).hasSize(1);
                assertThat(g.at("/0/teamSlug").asText()).isEqualTo(carrier.slug());
                assertThat(g.at("/0/role/id").asText()).isEqualTo("manager");
                assertThat(g.at("/0/role/minimumTeamRole").asText()).isEqualTo("admin");
            }
        }
    }

    @Test
    @DisplayName("an invite whose teamRoles entry has no role answers 500 and creates nothing "
            + "(src/sentry/core/endpoints/organization_member_index.py, validate_teamRoles)")
    void inviteWithoutRoleIs500() {
        Team t = org.teams().get(0);
        HttpResponse<String> r = http.send("POST", O + "members/", "{\"email\":\"no.role@example.com\","
                + "\"orgRole\":\"member\",\"teamRoles\":[{\"teamSlug\":\"" + t.slug() + "\"}]}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(Http.json(r).get("detail").asText()).isEqualTo("Internal Error");
        assertThat(sim.org().members()).hasSize(120);
        HttpResponse<String> bad = http.send("POST", O + "members/", "{\"email\":\"bad.role@example.com\","
                + "\"teamRoles\":[{\"teamSlug\":\"" + t.slug() + "\",\"role\":\"boss\"}]}");
        assertThat(bad.body()).isEqualTo("{\"teamRoles\":[\"Invalid team-role\"]}");
        HttpResponse<String> ok = http.send("POST", O + "members/", "{\"email\":\"with.role@example.com\","
                + "\"orgRole\":\"member\",\"teamRoles\":[{\"teamSlug\":\"" + t.slug() + "\",\"role\":\"admin\"}]}");
        assertThat(ok.statusCode()).isEqualTo(201);
        // "Do not set team-roles when inviting members": the team is saved, its role is not
        String id = Http.json(ok).get("id").asText();
        assertThat(sim.org().team(t.slug()).orElseThrow().members()).contains(TeamMember.minimum(id));
    }

    @Test
    @DisplayName("an org-role PUT without teamRoles drops every team; with them the teams stay "
            + "(src/sentry/core/endpoints/organization_member_details.py, organization_member_utils.py)")
    void orgRolePutWithoutTeamRolesDropsTeams() {
        Member a = first(OrgRole.MEMBER);
        List<String> teams = sim.org().teams().stream().filter(t -> t.members().stream()
                .anyMatch(tm -> tm.memberId().equals(a.id()))).map(Team::slug).toList();
        assertThat(teams).isNotEmpty();
        HttpResponse<String> r = user.send("PUT", O + "members/" + a.id() + "/", "{\"orgRole\":\"manager\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r).get("teams")).isEmpty();
        assertThat(sim.org().teams()).allSatisfy(t -> assertThat(t.members()).noneMatch(tm ->
                tm.memberId().equals(a.id())));

        Member b = org.members().stream().filter(m -> !m.pending() && m.orgRole() == OrgRole.MEMBER
                && !m.id().equals(a.id()) && !m.flags().idpProvisioned()).filter(m -> sim.org().teams().stream()
                .anyMatch(t -> t.members().stream().anyMatch(tm -> tm.memberId().equals(m.id())))).findFirst()
                .orElseThrow();
        Team bt = teamOf(b);
        HttpResponse<String> kept = user.send("PUT", O + "members/" + b.id() + "/", "{\"orgRole\":\"manager\","
                + "\"teamRoles\":[{\"teamSlug\":\"" + bt.slug() + "\",\"role\":null}]}");
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(Http.json(kept).get("teams").toString()).isEqualTo("[\"" + bt.slug() + "\"]");
        assertThat(sim.org().member(b.id()).orElseThrow().orgRole()).isEqualTo(OrgRole.MANAGER);
    }

    @Test
    @DisplayName("org-role changes need member:admin and a member behind the token; the exact refusals "
            + "(src/sentry/core/endpoints/organization_member_details.py, organization_member_index.py)")
    void orgRoleChangesNeedMemberAdmin() {
        Member m = first(OrgRole.MEMBER);
        String path = O + "members/" + m.id() + "/";
        sim.addToken(ApiToken.of("sntryu_simulator_test_member_write", List.of("member:write", "org:read")));
        HttpResponse<String> write = http.as("sntryu_simulator_test_member_write").send("PUT", path,
                "{\"orgRole\":\"manager\"}");
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(write.body()).isEqualTo("{\"orgRole\":[\"You do not have permission to set that org-level "
                + "role\"]}");
        HttpResponse<String> integration = http.send("PUT", path, "{\"orgRole\":\"manager\"}");
        assertThat(integration.body()).isEqualTo(write.body());
        HttpResponse<String> retired = user.send("PUT", path, "{\"orgRole\":\"admin\",\"teamRoles\":[]}");
        assertThat(retired.statusCode()).isEqualTo(400);
        assertThat(retired.body()).isEqualTo("{\"detail\":\"The role 'admin' is deprecated and may no longer be "
                + "assigned.\"}");
        HttpResponse<String> own = user.send("PUT", O + "members/100001/", "{\"orgRole\":\"member\"}");
        assertThat(own.statusCode()).isEqualTo(400);
        assertThat(own.body()).isEqualTo("{\"detail\":\"You cannot make changes to your own role.\"}");
        assertThat(sim.org().member(m.id()).orElseThrow().orgRole()).isEqualTo(OrgRole.MEMBER);
    }

    @Test
    @DisplayName("member removal: 400 without member:admin, 403 for an IdP-provisioned member and for the only "
            + "owner or manager (src/sentry/core/endpoints/organization_member_details.py)")
    void memberRemovalRefusals() {
        Member m = first(OrgRole.MEMBER);
        sim.addToken(ApiToken.of("sntryi_simulator_test_member_read", List.of("member:read", "org:read")));
        HttpResponse<String> read = http.as("sntryi_simulator_test_member_read").send("DELETE", O + "members/"
                + m.id() + "/", null);
        assertThat(read.statusCode()).isEqualTo(400);
        assertThat(read.body()).isEqualTo("{\"detail\":\"You are missing the member:admin scope.\"}");
        Member idp = org.members().stream().filter(x -> x.flags().idpProvisioned() && x.orgRole() != OrgRole.OWNER
                && x.orgRole() != OrgRole.MANAGER).findFirst().orElseThrow();
        HttpResponse<String> managed = http.send("DELETE", O + "members/" + idp.id() + "/", null);
        assertThat(managed.statusCode()).isEqualTo(403);
        assertThat(managed.body()).isEqualTo("{\"detail\":\"This user is managed through your organization's "
                + "identity provider.\"}");
        assertThat(http.send("DELETE", O + "members/" + m.id() + "/", null).statusCode()).isEqualTo(204);
        try (SentrySimulator alone = SentrySimulator.start(SimulatorOptions.builder().members(1).teams(1)
                .projects(1).fixedNow(NOW).rateLimits(RateLimitPolicy.disabled()).build())) {
            HttpResponse<String> last = new Http(alone).send("DELETE", O + "members/100001/", null);
            assertThat(last.statusCode()).isEqualTo(403);
            assertThat(last.body()).isEqualTo("{\"detail\":\"You cannot remove the only remaining owner or manager "
                    + "of the organization.\"}");
        }
    }

    @Test
    @DisplayName("a team role the org role already gives is stored and answered as null "
            + "(src/sentry/core/endpoints/organization_member_team_details.py, _change_team_member_role)")
    void teamRolePutStoresNullForTheMinimum() {
        Member plain = first(OrgRole.MEMBER);
        Team t = teamOf(plain);
        String path = O + "members/" + plain.id() + "/teams/" + t.slug() + "/";
        assertThat(http.send("PUT", path, "{\"teamRole\":\"admin\"}").body())
                .isEqualTo("{\"isActive\":true,\"teamRole\":\"admin\"}");
        assertThat(http.send("PUT", path, "{\"teamRole\":\"contributor\"}").body())
                .isEqualTo("{\"isActive\":true,\"teamRole\":null}");
        Member manager = first(OrgRole.MANAGER);
        Team mt = teamOf(manager);
        assertThat(http.send("PUT", O + "members/" + manager.id() + "/teams/" + mt.slug() + "/",
                "{\"teamRole\":\"admin\"}").body()).isEqualTo("{\"isActive\":true,\"teamRole\":null}");
        assertThat(sim.org().team(mt.slug()).orElseThrow().members()).contains(TeamMember.minimum(manager.id()));
        assertThat(TeamMember.minimum(manager.id()).effectiveRole(OrgRole.MANAGER)).isEqualTo(TeamRole.ADMIN);
        // added members get no stored role
        Member joiner = org.members().stream().filter(x -> !x.pending() && x.orgRole() == OrgRole.MEMBER
                && t.members().stream().noneMatch(tm -> tm.memberId().equals(x.id()))).findFirst().orElseThrow();
        assertThat(http.send("POST", O + "members/" + joiner.id() + "/teams/" + t.slug() + "/", null).statusCode())
                .isEqualTo(201);
        assertThat(sim.org().team(t.slug()).orElseThrow().members()).contains(TeamMember.minimum(joiner.id()));
    }

    @Test
    @DisplayName("removing a team's project access needs project:write, not admin "
            + "(src/sentry/core/endpoints/project_team_details.py)")
    void projectTeamDeleteNeedsProjectWrite() {
        Project p = org.projects().stream().filter(x -> !x.teamIds().isEmpty()).findFirst().orElseThrow();
        String path = "/api/0/projects/sim-org/" + p.slug() + "/teams/" + p.teamIds().get(0) + "/";
        sim.addToken(ApiToken.of("sntryi_simulator_test_project_read", List.of("project:read", "org:read")));
        sim.addToken(ApiToken.of("sntryi_simulator_test_project_write", List.of("project:write")));
        assertThat(http.as("sntryi_simulator_test_project_read").send("DELETE", path, null).statusCode())
                .isEqualTo(403);
        assertThat(http.as("sntryi_simulator_test_project_write").send("DELETE", path, null).statusCode())
                .isEqualTo(200);
        assertThat(sim.org().project(p.slug()).orElseThrow().teamIds()).doesNotContain(p.teamIds().get(0));
    }

    @Test
    @DisplayName("user.lastLogin and user.lastActive, null for a member who never logged in "
            + "(src/sentry/users/api/serializers/user.py)")
    void lastLoginAndLastActive() {
        List<JsonNode> rows = new java.util.ArrayList<>();
        Http.json(http.get(O + "members/?per_page=100")).forEach(rows::add);
        Http.json(http.get(O + "members/?per_page=100&cursor=100:1:0")).forEach(rows::add);
        List<JsonNode> users = rows.stream().filter(r -> !r.get("user").isNull()).map(r -> r.get("user")).toList();
        assertThat(users).allSatisfy(u -> {
            assertThat(u.has("lastLogin")).isTrue();
            assertThat(u.has("lastActive")).isTrue();
        });
        assertThat(users).anySatisfy(u -> assertThat(u.get("lastLogin").isNull()).isTrue());
        Instant quarterAgo = NOW.minus(Duration.ofDays(90));
        List<Instant> active = users.stream().filter(u -> !u.get("lastActive").isNull())
                .map(u -> Instant.parse(u.get("lastActive").asText())).toList();
        assertThat(active).anySatisfy(a -> assertThat(a).isBefore(quarterAgo));
        assertThat(active).anySatisfy(a -> assertThat(a).isAfter(NOW.minus(Duration.ofDays(31))));
    }

    @Test
    @DisplayName("every generated org has managers and owners in a team and a member reaching a project through two "
            + "teams, whatever the seed")
    void generatedShapes() {
        for (long seed : new long[] {1, 2, 3}) {
            try (SentrySimulator s = SentrySimulator.start(SimulatorOptions.builder().seed(seed).members(40).teams(5)
                    .projects(10).fixedNow(NOW).rateLimits(RateLimitPolicy.disabled()).build())) {
                OrgSnapshot o = s.org();
                Team first = o.teamsById().get("3000001");
                assertThat(first.members().stream().map(tm -> o.member(tm.memberId()).orElseThrow().orgRole()))
                        .contains(OrgRole.OWNER);
                assertThat(o.teams().stream().filter(t -> t.orgRole().isPresent())).hasSize(1);
                Optional<Project> shared = o.projects().stream().filter(p -> p.teamIds().size() >= 2).findFirst();
                if (shared.isPresent()) {
                    Member plain = o.members().stream().filter(m -> !m.pending() && m.orgRole() == OrgRole.MEMBER)
                            .findFirst().orElseThrow();
                    long through = shared.get().teamIds().stream().map(id -> o.teamsById().get(id))
                            .filter(t -> t.members().stream().anyMatch(tm -> tm.memberId().equals(plain.id())))
                            .count();
                    assertThat(through).as("seed " + seed).isGreaterThanOrEqualTo(2);
                }
            }
        }
    }
}
