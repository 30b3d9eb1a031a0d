package dev.plugboard.sentry.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.Team;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What leases do, whatever the store's engine. */
abstract class LeaseCliContract extends LeaseFixture {

    @Test
    void aLeaseExpiresAndTheMembershipIsGoneOnTheNextSync() {
        sync();
        Member m = member();
        Team t = teamWithout(m);
        String entitlement = "team:" + t.id() + ":member";
        String principal = "user:" + m.id();
        requests();

        Run grant = plugboard("grant", "sentry", "--config", config.toString(), "--entitlement", entitlement,
                "--principal", principal, "--for", "2h", "--reason", "INC-4711", "--requested-by", "ada@example.com");

        assertThat(grant.exitCode()).as(grant.err()).isZero();
        assertThat(grant.out()).isEqualTo("done: added member " + m.id() + " to team '" + t.slug() + "' (team:"
                + t.id() + ")\n  sent: POST /api/0/organizations/sim-org/members/" + m.id() + "/teams/" + t.id()
                + "/\n  lease 1 of connection 'acme' ends 2026-12-02T11:00:00Z; plugboard expire revokes it then\n");
        assertThat(requests()).isEqualTo(Map.of(ORG, 1L, ADD, 1L));
        assertThat(inTeam(t.id(), m.id())).isTrue();
        sync();
        assertThat(holdsInStore(m.id(), entitlement)).isTrue();

        assertThat(plugboard("leases").out()).isEqualTo(""
                + "LEASE  CONNECTION  ENTITLEMENT          PRINCIPAL    STATUS  ENDS                  GRANT  END  READ BACK"
                + "  REQUESTED BY     REASON\n"
                + "1      acme        " + entitlement + "  " + principal + "  active  2026-12-02T11:00:00Z  done   -    -"
                + "          ada@example.com  INC-4711\n");
        Run early = plugboard("expire", "sentry", "--config", config.toString());
        assertThat(early.exitCode()).isZero();
        assertThat(early.out()).isEqualTo("No lease of connection 'acme' is past its end; the next ends"
                + " 2026-12-02T11:00:00Z.\n");

        later(Duration.ofHours(2));
        requests();
        Run dry = plugboard("expire", "sentry", "--config", config.toString(), "--dry-run");
        assertThat(dry.exitCode()).isZero();
        assertThat(dry.out()).isEqualTo("lease 1: would revoke: " + entitlement + " of " + principal + " (ended"
                + " 2026-12-02T11:00:00Z) - revoke " + entitlement + " from " + principal + "\n"
                + "would end 1 lease of connection 'acme'.\n");
        assertThat(requests()).as("a dry run sends nothing").isEmpty();
        assertThat(inTeam(t.id(), m.id())).isTrue();

        Run needs = plugboard("expire", "sentry");
        assertThat(needs.exitCode()).isEqualTo(9);
        assertThat(needs.out()).isEqualTo("Connection 'acme': 1 lease past its end:\n"
                + "  lease 1 " + entitlement + " of " + principal + ", ended 2026-12-02T11:00:00Z\n"
                + "  to end them: plugboard expire sentry --config FILE, FILE holding this configuration and its"
                + " secrets (the store keeps none): {\"authToken\":\"****\",\"baseUrl\":\"" + sim.baseUrl()
                + "\",\"organization\":\"sim-org\"}\n");

        Run expire = plugboard("expire", "sentry", "--config", config.toString());

        assertThat(expire.exitCode()).as(expire.err()).isZero();
        assertThat(expire.out()).isEqualTo("lease 1: revoked: " + entitlement + " of " + principal + " (ended"
                + " 2026-12-02T11:00:00Z) - removed member " + m.id() + " (" + m.email() + ") from team '" + t.slug()
                + "' (team:" + t.id() + ")\n"
                + "  sent: GET /api/0/organizations/sim-org/members/" + m.id() + "/\n"
                + "  sent: GET /api/0/organizations/sim-org/teams/\n"
                + "  sent: DELETE /api/0/organizations/sim-org/members/" + m.id() + "/teams/" + t.id() + "/\n"
                + "  read back: gone (read team:" + t.id() + ": 2 requests)\n"
                + "ended 1 lease of connection 'acme'.\n");
        // the revoke: the member, the teams, the DELETE; the read-back: the teams listing and the team's members
        assertThat(requests()).isEqualTo(Map.of(ORG, 1L, MEMBER, 1L, TEAMS, 2L, REMOVE, 1L, TEAM_MEMBERS, 1L));
        assertThat(inTeam(t.id(), m.id())).isFalse();

        Run rerun = plugboard("expire", "sentry", "--config", config.toString());
        assertThat(rerun.exitCode()).isZero();
        assertThat(rerun.out()).isEqualTo("No lease of connection 'acme' is past its end.\n");
        assertThat(requests()).as("nothing due: the connector is not even opened").isEmpty();

        sync();
        assertThat(holdsInStore(m.id(), entitlement)).isFalse();
        assertThat(plugboard("leases", "--expired").out()).isEqualTo(""
                + "LEASE  CONNECTION  ENTITLEMENT          PRINCIPAL    STATUS  ENDS                  GRANT  END      READ"
                + " BACK  REQUESTED BY     REASON\n"
                + "1      acme        " + entitlement + "  " + principal + "  ended   2026-12-02T11:00:00Z  done   revoked"
                + "  gone       ada@example.com  INC-4711\n");
        assertThat(plugboard("leases", "--active").out()).isEqualTo("No active lease in " + storeName() + ".\n");
    }

    @Test
    void aLeaseOverAccessHeldBeforeLeavesItAlone() {
        sync();
        Member m = member();
        Team t = teamWith(m);
        String entitlement = "team:" + t.id() + ":member";
        requests();

        Run grant = plugboard("grant", "sentry", "--config", config.toString(), "--entitlement", entitlement,
                "--principal", "user:" + m.id(), "--until", "2026-12-02T11:00:00+01:00", "--json");

        assertThat(grant.exitCode()).isZero();
        assertThat(grant.out()).isEqualTo("{\n"
                + "  \"outcome\" : \"ALREADY_SO\",\n"
                + "  \"message\" : \"member " + m.id() + " is already in team:" + t.id() + "\",\n"
                + "  \"requests\" : [ \"POST /api/0/organizations/sim-org/members/" + m.id() + "/teams/" + t.id()
                + "/\" ],\n"
                + "  \"lease\" : {\n"
                + "    \"id\" : 1,\n"
                + "    \"connection\" : \"acme\",\n"
                + "    \"endsAt\" : \"2026-12-02T10:00:00Z\",\n"
                + "    \"expiryRevokes\" : false\n"
                + "  }\n"
                + "}\n");
        later(Duration.ofHours(1));
        requests();

        Run expire = plugboard("expire", "sentry", "--config", config.toString());

        assertThat(expire.exitCode()).isZero();
        assertThat(expire.out()).isEqualTo("lease 1: kept: " + entitlement + " of user:" + m.id() + " (ended"
                + " 2026-12-02T10:00:00Z) - the principal held the access before the lease (its grant answered already"
                + " so)\nended 1 lease of connection 'acme'.\n");
        assertThat(requests()).as("no revoke, no read-back: the connector is not even opened").isEmpty();
        assertThat(inTeam(t.id(), m.id())).isTrue();
        sync();
        assertThat(holdsInStore(m.id(), entitlement)).isTrue();
    }
}
