package dev.plugboard.sentry.provisioning;

import dev.plugboard.simulator.faults.FaultRule;
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

import java.util.Map;
import java.util.Optional;

import static dev.plugboard.sentry.provisioning.Sim.await;
import static dev.plugboard.sentry.provisioning.Sim.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which writes are retried: a POST whose answer was a 5xx or was lost may have taken effect, so it is sent once and
 * fails saying so; a PUT or DELETE is idempotent and is retried like a GET.
 */
class WriteRetryTest {
    /** The member-in-team path (POST adds, PUT sets the team role, DELETE removes); no read uses it. */
    private static final String MEMBER_TEAM = "/api/0/organizations/[^/]+/members/[^/]+/teams/[^/]+/$";

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
        path = "/api/0/organizations/" + s.org() + "/members/" + m.id() + "/teams/" + t.id() + "/";
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private GrantRequest grant(String level) {
        return new GrantRequest("team:" + t.id() + ":" + level, new ResourceRef("user", m.id()), false);
    }

    private void assertSentOnceAndMayHaveTakenEffect(ConnectorException e) {
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("(POST " + s.sim.baseUrl() + path + "); not retried, because the POST may"
                + " have taken effect: check in Sentry, or run the operation again (it is idempotent)."),
                e.getMessage());
        assertEquals(Map.of(Sim.ADD, 1L), s.requests());
    }

    @Test
    void aPostAnswered5xxIsNotRetried() {
        s.sim.faults().add(FaultRule.serverError(MEMBER_TEAM, 503).times(1));
        ConnectorException e = failure(p.grant(grant("member")));
        assertTrue(e.getMessage().startsWith("Sentry answered 503, errorId "), e.getMessage());
        assertSentOnceAndMayHaveTakenEffect(e);
    }

    @Test
    void aPostWhoseAnswerWasLostIsNotRetried() {
        s.sim.faults().add(FaultRule.connectionReset(MEMBER_TEAM).times(1));
        assertSentOnceAndMayHaveTakenEffect(failure(p.grant(grant("member"))));
    }

    @Test
    void aPutAnswered5xxIsRetried() {
        await(p.grant(grant("member")));
        s.requests();
        s.sim.faults().add(FaultRule.serverError(MEMBER_TEAM, 503).times(1));
        assertEquals(Outcome.DONE, await(p.grant(grant("admin"))).outcome());
        assertEquals(Optional.of(TeamRole.ADMIN), s.role(t.id(), m.id()));
        assertEquals(2L, s.requests().get(Sim.ROLE));
    }

    @Test
    void aDeleteWhoseAnswerWasLostIsRetried() {
        await(p.grant(grant("member")));
        s.requests();
        s.sim.faults().add(FaultRule.connectionReset(MEMBER_TEAM).times(1));
        assertEquals(Outcome.DONE, await(p.revoke(new RevokeRequest("team:" + t.id() + ":member",
                new ResourceRef("user", m.id()), false))).outcome());
        assertEquals(Optional.empty(), s.role(t.id(), m.id()));
        assertEquals(2L, s.requests().get(Sim.REMOVE));
    }
}
