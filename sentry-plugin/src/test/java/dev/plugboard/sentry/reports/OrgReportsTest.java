package dev.plugboard.sentry.reports;

import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Repository;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The organization, project, repository and team reports against a generated org with lists of several pages. */
class OrgReportsTest {
    private static final String PROJECTS = "GET /api/0/organizations/{org}/projects/";
    private static final String TEAMS = "GET /api/0/organizations/{org}/teams/";
    private static ReportsFixture fx;
    private static OrgSnapshot org;

    @BeforeAll
    static void start() {
        // 230 projects (3 pages), 120 teams (2 pages), 25 repositories
        fx = ReportsFixture.pinned(SimulatorOptions.builder().seed(7).members(40).teams(120).projects(230)
                .repositories(25));
        org = fx.sim.org();
        fx.run("organization-repositories", Map.of()); // the organization detail is fetched once, here
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static Map<String, Object> project(Project p, Map<String, Team> teams) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("slug", p.slug());
        m.put("name", p.name());
        m.put("platform", p.platform().orElse(null));
        m.put("dateCreated", p.dateCreated());
        m.put("teams", p.teamIds().stream().map(id -> teams.get(id).slug()).toList());
        return m;
    }

    private static Map<String, Object> projectRow(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : List.of("id", "slug", "name", "platform", "dateCreated")) {
            m.put(c, r.get(c));
        }
        List<String> teamSlugs = new ArrayList<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree((String) r.get("teams"))
                    .forEach(t -> teamSlugs.add(t.path("slug").asText()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        m.put("teams", teamSlugs);
        return m;
    }

    @Test
    void organizations() {
        ReportsFixture.Run run = fx.run("organizations", Map.of());
        assertEquals(1, run.rows().size());
        Row r = run.rows().get(0);
        assertEquals(org.organization().id(), r.get("id"));
        assertEquals(org.organization().slug(), r.get("slug"));
        assertEquals(org.organization().name(), r.get("name"));
        assertEquals(org.organization().dateCreated(), r.get("dateCreated"));
        assertEquals("active", r.get("status"));
        assertEquals(fx.sim.baseUrl(), r.get("regionUrl"));
        assertEquals("[\"sso-basic\",\"team-roles\"]", r.get("features"));
    }

    @Test
    void projectsPageThroughThreeSentryPages() {
        Map<String, Team> teams = org.teamsById();
        List<Map<String, Object>> expected = org.projects().stream().map(p -> project(p, teams)).toList();
        long before = fx.served(PROJECTS);
        ReportsFixture.Run run = fx.run("projects", Map.of());
        assertEquals(3, run.pages().size());
        assertEquals(List.of(100, 100, 30), run.pages().stream().map(p -> p.items().size()).toList());
        assertEquals(3, fx.served(PROJECTS) - before, "one request per Sentry page");
        assertEquals(expected, run.rows().stream().map(OrgReportsTest::projectRow).toList());
        // the same through organization-projects, with the organization named
        ReportsFixture.Run named = fx.run("organization-projects", Map.of("organization", org.organization().slug()));
        assertEquals(run.rows(), named.rows());
        assertEquals(run.rows(), fx.run("organization-projects", Map.of()).rows());
    }

    @Test
    void aResumedRunReadsTheSamePages() {
        ReportsFixture.Run run = fx.run("projects", Map.of());
        // resume from the second page's token, as a host would after a restart
        var second = fx.reports.run("projects", Map.of(), Optional.of(run.tokens().get(0))).toCompletableFuture()
                .join();
        assertEquals(run.pages().get(1).items(), second.items());
        assertEquals(run.tokens().get(1), second.nextToken().orElseThrow());
    }

    @Test
    void repositoriesByStatus() {
        List<Repository> active = org.repositories().stream().filter(Repository::active).toList();
        List<Repository> deleted = org.repositories().stream().filter(r -> !r.active()).toList();
        assertTrue(!active.isEmpty() && !deleted.isEmpty(), "both kinds generated");
        ReportsFixture.Run run = fx.run("organization-repositories", Map.of());
        assertEquals(active.stream().map(Repository::id).toList(), run.column("id"));
        assertEquals(active.stream().map(Repository::name).toList(), run.column("name"));
        assertEquals(active.stream().map(Repository::provider).toList(), run.column("provider"));
        assertEquals(active.stream().map(Repository::dateCreated).toList(), run.column("dateCreated"));
        ReportsFixture.Run del = fx.run("organization-repositories", Map.of("status", "deleted"));
        assertEquals(deleted.stream().map(Repository::id).toList(), del.column("id"));
        assertEquals(deleted.stream().map(Repository::status).toList(), del.column("status"));
    }

    @Test
    void teams() {
        ReportsFixture.Run run = fx.run("organization-teams", Map.of());
        assertEquals(2, run.pages().size());
        assertEquals(org.teams().stream().map(Team::id).toList(), run.column("id"));
        assertEquals(org.teams().stream().map(Team::slug).toList(), run.column("slug"));
        assertEquals(org.teams().stream().map(t -> (long) t.members().size()).toList(), run.column("memberCount"));
        assertEquals(org.teams().stream().map(Team::idpProvisioned).toList(), run.column("idpProvisioned"));
    }

    @Test
    void teamProjectsOverSeveralTeamsBySlugAndId() {
        List<Team> chosen = org.teams().stream().filter(t -> org.projects().stream()
                .anyMatch(p -> p.teamIds().contains(t.id()))).limit(3).toList();
        assertEquals(3, chosen.size());
        List<Object> wanted = List.of(chosen.get(0).slug(), chosen.get(1).id(), chosen.get(2).slug());
        long teamListings = fx.served(TEAMS);
        ReportsFixture.Run run = fx.run("team-projects", Map.of("teams", wanted));
        assertEquals(2, fx.served(TEAMS) - teamListings, "teams resolved with one listing (2 pages)");
        List<List<String>> expected = new ArrayList<>();
        for (Team t : chosen) {
            org.projects().stream().filter(p -> p.teamIds().contains(t.id()))
                    .forEach(p -> expected.add(List.of(t.id(), t.slug(), p.id(), p.slug())));
        }
        assertEquals(expected, run.rows().stream().map(r -> List.of((String) r.get("teamId"),
                (String) r.get("teamSlug"), (String) r.get("id"), (String) r.get("slug"))).toList());
        assertEquals(3, run.pages().size(), "one page per team");
    }

    @Test
    void teamProjectsOfAllTeams() {
        ReportsFixture.Run run = fx.run("team-projects", Map.of("teams", "all"));
        long expected = org.projects().stream().mapToLong(p -> p.teamIds().size()).sum();
        assertEquals(expected, run.rows().size());
        assertEquals(org.teams().size(), run.pages().size(), "every team fits in one page");
    }

    @Test
    void unknownTeamOrProjectIsNotFoundAndNamesTheParameter() {
        ConnectorException e = fx.failure("team-projects", Map.of("teams", List.of("no-such-team")));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("parameter 'teams': organization '" + org.organization().slug()
                + "' has no team 'no-such-team'"), e.getMessage());
        ConnectorException p = fx.failure("project-users", Map.of("projects", "web-nope"));
        assertEquals(ErrorKind.NOT_FOUND, p.kind());
        assertTrue(p.getMessage().contains("parameter 'projects'"), p.getMessage());
    }

    @Test
    void badRequestsAreRefusedBeforeAnyCall() {
        long before = fx.sim.stats().total();
        assertEquals(ErrorKind.NOT_FOUND, fx.failure("no-such-report", Map.of()).kind());
        ConnectorException extra = fx.failure("organizations", Map.of("projects", "all"));
        assertEquals(ErrorKind.INVALID_REQUEST, extra.kind());
        assertTrue(extra.getMessage().startsWith("parameter 'projects': report organizations has no such parameter"),
                extra.getMessage());
        ConnectorException status = fx.failure("organization-repositories", Map.of("status", "hidden"));
        assertEquals("parameter 'status': must be one of active, deleted, got 'hidden'", status.getMessage());
        ConnectorException token = fx.failure("projects", Map.of(), Optional.of("garbage"));
        assertEquals(ErrorKind.INVALID_REQUEST, token.kind());
        String teamsToken = fx.run("organization-teams", Map.of()).tokens().get(0);
        long afterTeams = fx.sim.stats().total();
        ConnectorException other = fx.failure("projects", Map.of(), Optional.of(teamsToken));
        assertTrue(other.getMessage().contains("belongs to report 'organization-teams'"), other.getMessage());
        assertEquals(afterTeams, fx.sim.stats().total());
        assertEquals(before + 2, afterTeams, "only the teams run reached Sentry");
    }
}
