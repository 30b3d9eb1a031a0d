package dev.plugboard.sentry.provisioning;

import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult.Outcome;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.RevokeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.plugboard.sentry.provisioning.Sim.assertResult;
import static dev.plugboard.sentry.provisioning.Sim.await;
import static dev.plugboard.sentry.provisioning.Sim.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code project:<id>:access} held by {@code team:<id>}. */
class ProjectAccessTest {
    private Sim s;
    private Provisioning p;
    private Project pr;
    private Team t;
    private String teams;
    private String path;

    @BeforeEach
    void start() {
        s = new Sim();
        p = s.connector().provisioning().orElseThrow();
        pr = s.sim.org().projects().get(0);
        t = s.sim.org().teams().stream().filter(x -> !pr.teamIds().contains(x.id())).findFirst().orElseThrow();
        teams = "GET /api/0/projects/" + s.org() + "/" + pr.id() + "/teams/";
        path = " /api/0/projects/" + s.org() + "/" + pr.id() + "/teams/" + t.id() + "/";
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private List<String> access() {
        return s.sim.org().projects().stream().filter(x -> x.id().equals(pr.id())).findFirst().orElseThrow().teamIds();
    }

    private GrantRequest grant(boolean dry) {
        return new GrantRequest("project:" + pr.id() + ":access", new ResourceRef("team", t.id()), dry);
    }

    private RevokeRequest revoke(boolean dry) {
        return new RevokeRequest("project:" + pr.id() + ":access", new ResourceRef("team", t.id()), dry);
    }

    @Test
    void grantRepeatRevokeRepeat() {
        String team = "team '" + t.slug() + "' (team:" + t.id() + ")";
        assertResult(Outcome.PLANNED, "would give " + team + " access to project " + pr.id() + " (checked with 2"
                + " reads, nothing changed)", List.of("POST" + path), await(p.grant(grant(true))));
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.TEAMS, 1L), s.requests());

        assertResult(Outcome.DONE, "gave team:" + t.id() + " access to project '" + pr.slug() + "' (project:"
                + pr.id() + ")", List.of(teams, "POST" + path), await(p.grant(grant(false))));
        assertEquals(true, access().contains(t.id()));
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.ADD_PROJECT, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, team + " already has access to project " + pr.id(), List.of(teams),
                await(p.grant(grant(false))));
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L), s.requests());

        assertResult(Outcome.DONE, "took " + team + "'s access to project " + pr.id(), List.of(teams, "DELETE" + path),
                await(p.revoke(revoke(false))));
        assertEquals(false, access().contains(t.id()));
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.REMOVE_PROJECT, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, team + " has no access to project " + pr.id(),
                List.of(teams, s.org("GET", "/teams/")), await(p.revoke(revoke(false))));
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.TEAMS, 1L), s.requests());
    }

    @Test
    void unknownProjectTeamAndWrongPrincipal() {
        ConnectorException e = failure(p.grant(new GrantRequest("project:777777:access", new ResourceRef("team",
                t.id()), false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no project 777777 (project:777777), or the token cannot see"
                + " it: use a project id as a sync lists it", e.getMessage());
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L), s.requests());

        e = failure(p.grant(new GrantRequest("project:" + pr.id() + ":access", new ResourceRef("team", "666666"),
                false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no team:666666: use a team id as a sync lists it", e.getMessage());
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.ADD_PROJECT, 1L), s.requests());

        e = failure(p.revoke(new RevokeRequest("project:" + pr.id() + ":access", new ResourceRef("team", "666666"),
                false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.TEAMS, 1L), s.requests());

        e = failure(p.grant(new GrantRequest("project:" + pr.id() + ":access", new ResourceRef("user", "1"), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("'project:" + pr.id() + ":access' cannot be held by user:1: it is held by team principals."
                + " Project access is given to teams: use a team:<teamId> principal, or grant the user"
                + " team:<teamId>:member of a team that has access.", e.getMessage());
        assertEquals(Map.of(), s.requests());
    }

    @Test
    void missingProjectScopesArePermission() {
        Provisioning reader = s.withScopes("sntryi_project_read", "org:read", "project:read");
        ConnectorException e = failure(reader.grant(grant(false)));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals("The auth token may not give teams access to projects in organization '" + s.org() + "' (403 on"
                + " POST" + path + ": You do not have permission to perform this action.). It needs the scope"
                + " project:write (Project: Read & Write in the integration's permissions).", e.getMessage());
        assertEquals(Map.of(Sim.PROJECT_TEAMS, 1L, Sim.ADD_PROJECT, 1L), s.requests());

        await(p.grant(grant(false)));
        s.requests();
        Provisioning writer = s.withScopes("sntryi_project_write", "org:read", "project:write");
        // the DELETE needs project:write, not admin (project_team_details.py): a reader is refused, a writer not
        e = failure(reader.revoke(revoke(false)));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals("The auth token may not take teams' access to projects in organization '" + s.org() + "' (403 on"
                + " DELETE" + path + ": You do not have permission to perform this action.). It needs the scope"
                + " project:write (Project: Read & Write in the integration's permissions).", e.getMessage());
        assertEquals(true, access().contains(t.id()));
        assertEquals(Outcome.DONE, await(writer.revoke(revoke(false))).outcome());
        assertEquals(false, access().contains(t.id()));
    }
}
