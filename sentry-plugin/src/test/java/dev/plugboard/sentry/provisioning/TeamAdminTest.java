package dev.plugboard.sentry.provisioning;

import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamRole;
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
import java.util.Optional;

import static dev.plugboard.sentry.provisioning.Sim.assertResult;
import static dev.plugboard.sentry.provisioning.Sim.await;
import static dev.plugboard.sentry.provisioning.Sim.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code team:<id>:admin}: add then promote, promote, demote, repeats, rollback and refusals. */
class TeamAdminTest {
    private Sim s;
    private Provisioning p;
    private Member m;
    private Team t;
    private String who;
    private String team;
    private String path;
    private List<String> reads;

    @BeforeEach
    void start() {
        s = new Sim();
        p = s.connector().provisioning().orElseThrow();
        m = s.member(OrgRole.MEMBER);
        t = s.teamWithout(m);
        who = "member " + m.id() + " (" + m.email() + ")";
        team = "team '" + t.slug() + "' (team:" + t.id() + ")";
        path = "/members/" + m.id() + "/teams/" + t.id() + "/";
        reads = List.of(s.org("GET", "/members/" + m.id() + "/"), s.org("GET", "/teams/"));
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private GrantRequest grant(boolean dry) {
        return new GrantRequest("team:" + t.id() + ":admin", new ResourceRef("user", m.id()), dry);
    }

    private RevokeRequest revoke(boolean dry) {
        return new RevokeRequest("team:" + t.id() + ":admin", new ResourceRef("user", m.id()), dry);
    }

    private List<String> reads(String... writes) {
        List<String> all = new java.util.ArrayList<>(reads);
        for (String w : writes) {
            all.add(s.org(w, path));
        }
        return all;
    }

    @Test
    void grantAddsThenPromotesAndRevokeDemotes() {
        assertResult(Outcome.DONE, "added " + who + " to " + team + " and made them its admin", reads("POST", "PUT"),
                await(p.grant(grant(false))));
        assertEquals(Optional.of(TeamRole.ADMIN), s.role(t.id(), m.id()));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L, Sim.ADD, 1L, Sim.ROLE, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, who + " is already admin of " + team, reads(), await(p.grant(grant(false))));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());

        assertResult(Outcome.DONE, "made " + who + " a contributor of " + team + " (was admin)", reads("PUT"),
                await(p.revoke(revoke(false))));
        assertEquals(Optional.of(TeamRole.CONTRIBUTOR), s.role(t.id(), m.id()), "still in the team");
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L, Sim.ROLE, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, who + " is not admin of " + team, reads(), await(p.revoke(revoke(false))));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());

        // a contributor is promoted with one write
        assertResult(Outcome.DONE, "made " + who + " admin of " + team + " (was contributor)", reads("PUT"),
                await(p.grant(grant(false))));
        assertEquals(Optional.of(TeamRole.ADMIN), s.role(t.id(), m.id()));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L, Sim.ROLE, 1L), s.requests());
    }

    @Test
    void dryRunListsBothWrites() {
        assertResult(Outcome.PLANNED, "would add " + who + " to " + team + " and make them its admin (checked with 2"
                + " reads, nothing changed)", List.of(s.org("POST", path), s.org("PUT", path)),
                await(p.grant(grant(true))));
        assertResult(Outcome.PLANNED, who + " is not in " + team + ": nothing would be sent (checked with 2 reads,"
                + " nothing changed)", List.of(), await(p.revoke(revoke(true))));
        assertEquals(Map.of(Sim.MEMBER, 2L, Sim.TEAMS, 2L), s.requests());
        assertEquals(Optional.empty(), s.role(t.id(), m.id()));
    }

    // whenPromotingFailsTheAddIsUndone is gone: it relied on org:write adding members but not setting team
    // roles, and Sentry lets org:write do both (can_admin_team in organization_member_utils.py); the undo path is
    // tested against scripted answers in ScriptedSentryTest.

    @Test
    void revokingAdminFromAManagerIsRefused() {
        Member manager = s.sim.org().members().stream().filter(x -> x.orgRole() == OrgRole.MANAGER)
                .filter(x -> s.sim.org().teams().stream().anyMatch(tm -> s.role(tm.id(), x.id()).isPresent()))
                .findFirst().orElseThrow();
        Team theirs = s.sim.org().teams().stream().filter(tm -> s.role(tm.id(), manager.id()).isPresent())
                .findFirst().orElseThrow();
        ConnectorException e = failure(p.revoke(new RevokeRequest("team:" + theirs.id() + ":admin",
                new ResourceRef("user", manager.id()), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("member " + manager.id() + " (" + manager.email() + ") has the organization role 'manager',"
                + " which makes them admin of every team they are in, so Sentry cannot make them a contributor of"
                + " team '" + theirs.slug() + "' (team:" + theirs.id() + "). Revoke role:manager:assigned first, or"
                + " revoke team:" + theirs.id() + ":member to remove them from the team.", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());
        assertEquals(Optional.of(TeamRole.ADMIN), s.role(theirs.id(), manager.id()));
    }

    @Test
    void revokingAdminFromAManagerThroughATeamNamesThatTeam() {
        Team carrier = s.sim.org().teams().stream().filter(tm -> tm.orgRole().isPresent()).findFirst().orElseThrow();
        Member member = s.sim.org().members().stream().filter(x -> x.orgRole() == OrgRole.MEMBER && !x.pending())
                .filter(x -> s.role(carrier.id(), x.id()).isPresent()).findFirst().orElseThrow();
        ConnectorException e = failure(p.revoke(new RevokeRequest("team:" + carrier.id() + ":admin",
                new ResourceRef("user", member.id()), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        // Sentry's groupOrgRoles name the team by slug only: the message names it the same way, without the id
        assertEquals("member " + member.id() + " (" + member.email() + ") holds the organization role 'manager'"
                + " through team '" + carrier.slug() + "', which makes them admin of every team they are in, so"
                + " Sentry cannot make them a contributor of team '" + carrier.slug() + "' (team:" + carrier.id()
                + "). Remove them from team '" + carrier.slug() + "', which gives the organization role 'manager'"
                + " first, or revoke team:" + carrier.id() + ":member to remove them from the team.", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());
    }

    @Test
    void promotingWithoutTeamWriteIsPermissionNamingTheScope() {
        await(p.grant(new GrantRequest("team:" + t.id() + ":member", new ResourceRef("user", m.id()), false)));
        s.requests();
        Provisioning readOnly = s.withScopes("sntryi_read_only", "org:read", "member:read");
        ConnectorException e = failure(readOnly.grant(grant(false)));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        // Sentry lets org:read through the PUT's scope map, then answers 400 (can_set_team_role)
        assertEquals("The auth token may not change team roles in organization '" + s.org() + "' (400 on "
                + s.org("PUT", path) + ": You do not have permission to edit that user's membership.). It needs the"
                + " scope team:write (Team: Read & Write in the integration's permissions).", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L, Sim.ROLE, 1L), s.requests());
        assertEquals(Optional.of(TeamRole.CONTRIBUTOR), s.role(t.id(), m.id()));
    }

    @Test
    void idpTeamCannotGainANewAdmin() {
        Team idp = s.idpTeam();
        Member outsider = s.sim.org().members().stream().filter(x -> s.role(idp.id(), x.id()).isEmpty())
                .findFirst().orElseThrow();
        ConnectorException e = failure(p.grant(new GrantRequest("team:" + idp.id() + ":admin",
                new ResourceRef("user", outsider.id()), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("team '" + idp.slug() + "' (team:" + idp.id() + ") is managed by the organization's identity"
                + " provider (SCIM): Sentry refuses membership changes made elsewhere. Change its members in the"
                + " identity provider.", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests(), "refused before any write");
    }
}
