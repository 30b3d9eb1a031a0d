package dev.plugboard.sentry.provisioning;

import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
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

/** {@code role:<role>:assigned}: change with a user token, refuse clearly with an integration token. */
class OrgRoleTest {
    private Sim s;
    private Member m;
    private String who;
    private String get;
    private String put;

    @BeforeEach
    void start() {
        s = new Sim();
        m = s.member(OrgRole.MEMBER);
        who = "member " + m.id() + " (" + m.email() + ")";
        get = s.org("GET", "/members/" + m.id() + "/");
        put = s.org("PUT", "/members/" + m.id() + "/");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private GrantRequest grant(String role, boolean dry) {
        return new GrantRequest("role:" + role + ":assigned", new ResourceRef("user", m.id()), dry);
    }

    private RevokeRequest revoke(String role, boolean dry) {
        return new RevokeRequest("role:" + role + ":assigned", new ResourceRef("user", m.id()), dry);
    }

    private OrgRole role() {
        return s.sim.org().member(m.id()).orElseThrow().orgRole();
    }

    @Test
    void userTokenChangesTheRoleAndRevokeSetsItBackToMember() {
        Provisioning p = s.connector(Sim.USER_TOKEN).provisioning().orElseThrow();
        assertResult(Outcome.DONE, "changed the organization role of " + who + " from 'member' to 'manager'",
                List.of(get, put), await(p.grant(grant("manager", false))));
        assertEquals(OrgRole.MANAGER, role());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.PUT_MEMBER, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, who + " already has the organization role 'manager'", List.of(get),
                await(p.grant(grant("manager", false))));
        assertEquals(Map.of(Sim.MEMBER, 1L), s.requests());

        assertResult(Outcome.PLANNED, "would change the organization role of " + who + " from 'manager' to 'member'"
                        + " (a member always has one organization role: revoking 'manager' sets it back to 'member')"
                        + " (checked with 1 read, nothing changed)", List.of(put),
                await(p.revoke(revoke("manager", true))));
        assertEquals(OrgRole.MANAGER, role());

        assertResult(Outcome.DONE, "changed the organization role of " + who + " from 'manager' to 'member' (a member"
                        + " always has one organization role: revoking 'manager' sets it back to 'member')",
                List.of(get, put), await(p.revoke(revoke("manager", false))));
        assertEquals(OrgRole.MEMBER, role());
        assertEquals(Map.of(Sim.MEMBER, 2L, Sim.PUT_MEMBER, 1L), s.requests());

        assertResult(Outcome.ALREADY_SO, who + " does not have the organization role 'manager' (they have 'member')",
                List.of(get), await(p.revoke(revoke("manager", false))));
        assertEquals(Map.of(Sim.MEMBER, 1L), s.requests());
    }

    @Test
    void integrationTokenIsRefusedBeforeAnyWrite() {
        Provisioning p = s.connector().provisioning().orElseThrow();
        ConnectorException e = failure(p.grant(grant("admin", false)));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals("Changing a member's organization role needs a user auth token (sntryu_) with the scope"
                + " member:admin (member:write is not enough): Sentry refuses it to other tokens and lets no role be"
                + " set without member:admin; authToken is an internal integration token (sntryi_). Configure a user"
                + " auth token of an owner or manager with the scope member:admin (Settings > Account > API > Auth"
                + " Tokens) for role changes.", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L), s.requests(), "one read, no PUT");
        assertEquals(OrgRole.MEMBER, role());

        // what is already so needs no token
        assertResult(Outcome.ALREADY_SO, who + " already has the organization role 'member'", List.of(get),
                await(p.grant(grant("member", false))));
    }

    @Test
    void revokingMemberUnknownRolesAndMembersAreRefused() {
        Provisioning p = s.connector(Sim.USER_TOKEN).provisioning().orElseThrow();
        ConnectorException e = failure(p.revoke(revoke("member", false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("role:member:assigned cannot be revoked: every Sentry member has exactly one organization role,"
                + " and 'member' is the least. To take away user:" + m.id() + "'s access, remove the account"
                + " (plugboard account delete sentry --account user:" + m.id() + "); to change the role, grant"
                + " another role:<role>:assigned.", e.getMessage());

        e = failure(p.grant(grant("superuser", false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no role 'superuser' (role:superuser); its roles are member,"
                + " admin, manager, owner, billing", e.getMessage());
        assertEquals(Map.of(), s.requests());

        e = failure(p.grant(new GrantRequest("role:manager:assigned", new ResourceRef("user", "424242"), false)));
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
        assertEquals("organization '" + s.org() + "' has no member 424242 (user:424242): use a member id as a sync"
                + " lists it", e.getMessage());
        assertEquals(Map.of(Sim.MEMBER, 1L), s.requests());
    }

    @Test
    void aRoleChangeKeepsTheMembersTeams() {
        // Sentry's PUT runs the team assignment even without teamRoles, and then assigns none: the connector sends
        // the member's current teams along (organization_member_details.py), so they stay. (Sentry's IdP role
        // lock-out is disabled in its code, so an idp:role-restricted member is no longer refused.)
        Member m = s.sim.org().members().stream().filter(x -> x.orgRole() == OrgRole.MEMBER && !x.pending()
                && s.sim.org().teams().stream().anyMatch(t -> s.role(t.id(), x.id()).isPresent())).findFirst()
                .orElseThrow();
        List<String> before = s.sim.org().teams().stream().filter(t -> s.role(t.id(), m.id()).isPresent())
                .map(t -> t.id()).toList();
        Provisioning p = s.connector(Sim.USER_TOKEN).provisioning().orElseThrow();
        ProvisioningResult r = await(p.grant(new GrantRequest("role:manager:assigned", new ResourceRef("user",
                m.id()), false)));
        assertEquals(Outcome.DONE, r.outcome());
        assertEquals(OrgRole.MANAGER, s.sim.org().member(m.id()).orElseThrow().orgRole());
        assertEquals(before, s.sim.org().teams().stream().filter(t -> s.role(t.id(), m.id()).isPresent())
                .map(t -> t.id()).toList());
        assertEquals(Map.of(Sim.MEMBER, 1L, Sim.PUT_MEMBER, 1L), s.requests());
    }
}
