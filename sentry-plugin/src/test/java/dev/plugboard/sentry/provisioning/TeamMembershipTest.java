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

/** {@code team:<id>:member}: add, repeat, remove, repeat, dry runs and every refusal, against the simulator. */
class TeamMembershipTest {
    private Sim s;
    private Provisioning p;
    private Member m;
    private Team t;
    private String path;

    @BeforeEach
    void start() {
        s = new Sim();
        p = s.connector().provisioning().orElseThrow();
        m = s.member(OrgRole.MEMBER);
        t = s.teamWithout(m);
        path = "/members/" + m.id() + "/teams/" + t.id() + "/";
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private GrantRequest grant(boolean dry) {
        return new GrantRequest("team:" + t.id() + ":member", new ResourceRef("user", m.id()), dry);
    }

    private RevokeRequest revoke(boolean dry) {
        return new RevokeRequest("team:" + t.id() + ":member", new ResourceRef("user", m.id()), dry);
    }

    @Test
    void grantRepeatRevokeRepeat() {
        String team = "team '" + t.slug() + "' (team:" + t.id() + ")";
        assertResult(Outcome.DONE, "added member " + m.id() + " to " + team, List.of(s.org("POST", path)),
                await(p.grant(grant(false))));
        assertEquals(Optional.of(TeamRole.CONTRIBUTOR), s.role(t.id(), m.id()));
        assertEquals(Map.of(Sim.ADD, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, "member " + m.id() + " is already in team:" + t.id(),
                List.of(s.org("POST", path)), await(p.grant(grant(false))));
        assertEquals(Map.of(Sim.ADD, 1L), s.requests());

        String who = "member " + m.id() + " (" + m.email() + ")";
        List<String> reads = List.of(s.org("GET", "/members/" + m.id() + "/"), s.org("GET", "/teams/"));
        assertResult(Outcome.DONE, "removed " + who + " from " + team,
                List.of(reads.get(0), reads.get(1), s.org("DELETE", path)), await(p.revoke(revoke(false))));
        assertEquals(Optional.empty(), s.role(t.id(), m.id()));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L, Sim.REMOVE, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, who + " is not in " + team, reads, await(p.revoke(revoke(false))));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());
    }

    @Test
    void dryRunsReadButNeverWrite() {
        String who = "member " + m.id() + " (" + m.email() + ")";
        String team = "team '" + t.slug() + "' (team:" + t.id() + ")";
        assertResult(Outcome.PLANNED, "would add " + who + " to " + team + " (checked with 2 reads, nothing changed)",
                List.of(s.org("POST", path)), await(p.grant(grant(true))));
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());
        assertEquals(Optional.empty(), s.role(t.id(), m.id()));
        assertResult(Outcome.PLANNED, who + " is not in " + team + ": nothing would be sent (checked with 2 reads,"
                + " nothing changed)", List.of(), await(p.revoke(revoke(true))));

        await(p.grant(grant(false)));
        s.requests();
        assertResult(Outcome.PLANNED, who + " is already in " + team + ": nothing would be sent (checked with 2"
                + " reads, nothing changed)", List.of(), await(p.grant(grant(true))));
        assertResult(Outcome.PLANNED, "would remove " + who + " from " + team + " (checked with 2 reads, nothing"
                + " changed)", List.of(s.org("DELETE", path)), await(p.revoke(revoke(true))));
        assertEquals(Map.of(Sim.MEMBER, 2L, Sim.TEAMS, 2L), s.requests());
        assertEquals(Optional.of(TeamRole.CONTRIBUTOR), s.role(t.id(), m.id()));
    }

    @Test
    void unknownMemberOrTeamIsNotFoundNamingIt() {
        ConnectorException e = failure(p.grant(new GrantRequest("team:" + t.id() + ":member",
                new ResourceRef("user", "999999"), false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no member 999999 (user:999999): use a member id as a sync"
                + " lists it", e.getMessage());
        assertEquals(Map.of(Sim.ADD, 1L, Sim.MEMBER, 1L), s.requests());

        e = failure(p.grant(new GrantRequest("team:888888:member", new ResourceRef("user", m.id()), false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no team:888888: use a team id as a sync lists it", e.getMessage());
        assertEquals(Map.of(Sim.ADD, 1L, Sim.MEMBER, 1L), s.requests());

        e = failure(p.revoke(new RevokeRequest("team:888888:member", new ResourceRef("user", m.id()), false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no team:888888: use a team id as a sync lists it", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests());
    }

    @Test
    void idpProvisionedTeamRefusesWithAClearReason() {
        Team idp = s.idpTeam();
        Member outsider = s.sim.org().members().stream().filter(x -> s.role(idp.id(), x.id()).isEmpty())
                .findFirst().orElseThrow();
        String reason = " is managed by the organization's identity provider (SCIM): Sentry refuses membership"
                + " changes made elsewhere. Change its members in the identity provider.";
        ConnectorException e = failure(p.grant(new GrantRequest("team:" + idp.id() + ":member",
                new ResourceRef("user", outsider.id()), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("team:" + idp.id() + reason, e.getMessage());
        assertEquals(Map.of(Sim.ADD, 1L), s.requests());

        String insider = idp.members().get(0).memberId();
        e = failure(p.revoke(new RevokeRequest("team:" + idp.id() + ":member", new ResourceRef("user", insider),
                false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("team '" + idp.slug() + "' (team:" + idp.id() + ")" + reason, e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L), s.requests(), "refused before any write");
        assertEquals(true, s.role(idp.id(), insider).isPresent());

        // an IdP team's existing member: the grant is already so (Sentry answers 204 before checking)
        assertResult(Outcome.ALREADY_SO, "member " + insider + " is already in team:" + idp.id(),
                List.of(s.org("POST", "/members/" + insider + "/teams/" + idp.id() + "/")),
                await(p.grant(new GrantRequest("team:" + idp.id() + ":member", new ResourceRef("user", insider),
                        false))));
    }

    @Test
    void missingScopesArePermissionNamingTheScope() {
        await(p.grant(grant(false)));
        s.requests();
        // org:read passes the DELETE's scope map; without team:write (or org:write) Sentry answers 400 (_can_delete)
        Provisioning noAdmin = s.withScopes("sntryi_read_only", "member:read", "org:read");
        ConnectorException e = failure(noAdmin.revoke(revoke(false)));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals("The auth token may not remove members from teams in organization '" + s.org() + "' (400 on "
                + s.org("DELETE", path) + ": You do not have permission to edit that user's membership.). It needs"
                + " the scope team:admin (Team: Admin in the integration's permissions).", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.TEAMS, 1L, Sim.REMOVE, 1L), s.requests());
        assertEquals(Optional.of(TeamRole.CONTRIBUTOR), s.role(t.id(), m.id()));
    }

    @Test
    void aTokenThatMayOnlyAskCreatesAnAccessRequest() {
        Provisioning asker = s.withScopes("sntryi_org_read", "org:read", "member:read");
        assertResult(Outcome.NEEDS_ACTION, "Sentry did not add member " + m.id() + " to team:" + t.id() + " but"
                        + " created a request to join it (202): a team admin must approve it in Sentry. The token may"
                        + " only ask (org:read); to add directly, give it team:write (Team: Read & Write).",
                List.of(s.org("POST", path)), await(asker.grant(grant(false))));
        assertEquals(1, s.sim.accessRequests().size());
        assertEquals(m.id(), s.sim.accessRequests().get(0).memberId());
        assertEquals(Optional.empty(), s.role(t.id(), m.id()));
        assertEquals(Map.of(Sim.ADD, 1L), s.requests());
    }

    @Test
    void wrongPrincipalTypeAndUnknownEntitlementsSendNothing() {
        ConnectorException e = failure(p.grant(new GrantRequest("team:" + t.id() + ":member",
                new ResourceRef("team", t.id()), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("'team:" + t.id() + ":member' cannot be held by team:" + t.id() + ": it is held by user"
                + " principals. Only users (user:<memberId>) hold it.", e.getMessage());

        e = failure(p.grant(new GrantRequest("team:" + t.id() + ":owner", new ResourceRef("user", m.id()), false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("Sentry has no entitlement 'team:" + t.id() + ":owner': the Sentry connector grants"
                + " team:<teamId>:member, team:<teamId>:admin, role:<role>:assigned and project:<projectId>:access,"
                + " with ids exactly as a sync lists them", e.getMessage());

        e = failure(p.revoke(new RevokeRequest("team:../x:member", new ResourceRef("user", m.id()), false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("'../x' is not a Sentry team id: use the id exactly as a sync lists it (e.g. team:42)",
                e.getMessage());
        assertEquals(Map.of(), s.requests());
    }
}
