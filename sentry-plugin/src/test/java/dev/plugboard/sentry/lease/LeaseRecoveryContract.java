package dev.plugboard.sentry.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.store.Lease;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreLocation;
import dev.plugboard.host.store.StoreOpener;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.Team;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expiry that fails or stops half-way, and bad input: whatever the store's engine. */
abstract class LeaseRecoveryContract extends LeaseCliContract {

    private String[] leaseOn(Member m, Team t, String... more) {
        String[] base = {"grant", "sentry", "--config", config.toString(), "--entitlement", "team:" + t.id() + ":member",
            "--principal", "user:" + m.id(), "--for", "1h"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aRevokeThatFailsIsListedAndTheNextRunEndsTheLease() throws Exception {
        sync();
        Member m = member();
        Team t = teamWithout(m);
        String entitlement = "team:" + t.id() + ":member";
        assertThat(plugboard(leaseOn(m, t)).exitCode()).isZero();
        later(Duration.ofMinutes(61));
        Path readOnly = readOnlyConfig();
        requests();

        Run failed = plugboard("expire", "sentry", "--config", readOnly.toString());

        assertThat(failed.exitCode()).isEqualTo(9);
        String why = "The auth token may not remove members from teams in organization 'sim-org' (400 on DELETE"
                + " /api/0/organizations/sim-org/members/" + m.id() + "/teams/" + t.id() + "/: You do not have"
                + " permission to edit that user's membership.). It needs the scope team:admin (Team: Admin in the"
                + " integration's permissions).";
        assertThat(failed.out()).isEqualTo("lease 1: revoke failed: " + entitlement + " of user:" + m.id()
                + " (ended 2026-12-02T10:00:00Z) - " + why + "\n"
                + "ended 0 leases of connection 'acme'; 1 did not end:\n"
                + "  lease 1 " + entitlement + " of user:" + m.id() + ": revoke failed: " + why + "\n");
        assertThat(failed.out()).doesNotContain("sntryi_read_only_token");
        assertThat(inTeam(t.id(), m.id())).isTrue();
        assertThat(plugboard("leases").out()).contains("  due  ");

        Run rerun = plugboard("expire", "sentry", "--config", config.toString());

        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).startsWith("lease 1: revoked: " + entitlement + " of user:" + m.id())
                .endsWith("  read back: gone (read team:" + t.id() + ": 2 requests)\nended 1 lease of connection"
                        + " 'acme'.\n");
        assertThat(inTeam(t.id(), m.id())).isFalse();
        assertThat(plugboard("leases", "--json").out()).contains("\"revokeAttempts\" : 2,")
                .contains("\"endOutcome\" : \"revoked\",");
    }

    @Test
    void anExpireStoppedAfterSendingItsRevokeIsFinishedByTheNextRun() throws Exception {
        sync();
        Member m = member();
        Team t = teamWithout(m);
        String entitlement = "team:" + t.id() + ":member";
        assertThat(plugboard(leaseOn(m, t)).exitCode()).isZero();
        later(Duration.ofHours(1));
        // What a process killed between sending the revoke and recording its answer leaves behind: the lease
        // recorded as 'revoking' (the step before the send), and the access removed (the send).
        try (Store s = StoreOpener.open(StoreLocation.resolve(Optional.of(store), n -> Optional.empty(),
                Path.of(System.getProperty("user.home"))), "test")) {
            Lease lease = s.leases().find(1).orElseThrow();
            s.leases().revokeStarted(lease, clock.instant());
        }
        Run sent = raw("--plugins", plugins.toString(), "revoke", "sentry", "--config", config.toString(),
                "--entitlement", entitlement, "--principal", "user:" + m.id());
        assertThat(sent.exitCode()).isZero();
        assertThat(plugboard("leases", "--json").out()).contains("\"state\" : \"revoking\",");
        requests();

        Run rerun = plugboard("expire", "sentry", "--config", config.toString());

        assertThat(rerun.exitCode()).as(rerun.out()).isZero();
        assertThat(rerun.out()).isEqualTo("lease 1: already so: " + entitlement + " of user:" + m.id() + " (ended"
                + " 2026-12-02T10:00:00Z) - member " + m.id() + " (" + m.email() + ") is not in team '" + t.slug()
                + "' (team:" + t.id() + ") (an earlier expire was stopped after sending this revoke; it may have"
                + " removed it)\n"
                + "  sent: GET /api/0/organizations/sim-org/members/" + m.id() + "/\n"
                + "  sent: GET /api/0/organizations/sim-org/teams/\n"
                + "  read back: gone (read team:" + t.id() + ": 2 requests)\n"
                + "ended 1 lease of connection 'acme'.\n");
        assertThat(plugboard("leases", "--json").out()).contains("\"revokeAttempts\" : 2,")
                .contains("\"endOutcome\" : \"already_so\",").contains("\"verification\" : \"gone\",");
        assertThat(plugboard("expire", "sentry", "--config", config.toString()).out())
                .isEqualTo("No lease of connection 'acme' is past its end.\n");
    }

    @Test
    void badLeaseOptionsAreRefusedBeforeAnythingIsSent() throws Exception {
        Member m = member();
        Team t = teamWithout(m);
        requests();

        assertThat(plugboard(leaseOn(m, t, "--until", "2026-12-02T18:00:00Z")))
                .isEqualTo(new Run(2, "", "plugboard: give --for or --until, not both\n"));
        String[] past = leaseOn(m, t);
        past[past.length - 2] = "--until";
        past[past.length - 1] = "2026-12-01T09:00:00Z";
        assertThat(plugboard(past)).isEqualTo(new Run(2, "", "plugboard: --until 2026-12-01T09:00:00Z is not in the"
                + " future (now 2026-12-02T09:00:00Z); give a later time, or --for DURATION\n"));
        String[] words = leaseOn(m, t);
        words[words.length - 1] = "8 hours";
        assertThat(plugboard(words)).isEqualTo(new Run(2, "", "plugboard: --for '8 hours' is not a duration: write"
                + " e.g. 90s, 30m, 8h, 2d or 1h30m (or ISO-8601, PT8H)\n"));
        assertThat(plugboard("grant", "sentry", "--config", config.toString(), "--entitlement", "team:1:member",
                "--principal", "user:1", "--reason", "INC-1")).isEqualTo(new Run(2, "", "plugboard: --reason belongs"
                + " to a lease: add --for DURATION or --until TIME\n"));
        assertThat(raw("--plugins", plugins.toString(), "revoke", "sentry", "--config", config.toString(),
                "--entitlement", "team:1:member", "--principal", "user:1", "--for", "1h"))
                .isEqualTo(new Run(2, "", "plugboard: revoke takes no --for or --until: a revoke is at once. For"
                        + " access that ends by itself, grant it with --for or --until, and run plugboard expire.\n"));
        String[] grant = leaseOn(m, t);
        String[] toFolder = new String[grant.length + 4];
        toFolder[0] = "--plugins";
        toFolder[1] = plugins.toString();
        System.arraycopy(grant, 0, toFolder, 2, grant.length);
        toFolder[toFolder.length - 2] = "--store";
        toFolder[toFolder.length - 1] = work.toString();
        assertThat(raw(toFolder)).isEqualTo(new Run(7, "", "plugboard: the store " + work + " is a folder; give a"
                + " file, e.g. --store " + work.resolve("plugboard.db") + "\nNothing was granted: a lease is recorded"
                + " before its grant is sent.\n"));

        assertThat(requests()).as("nothing was sent").isEqualTo(Map.of());
        assertThat(inTeam(t.id(), m.id())).isFalse();
    }

    @Test
    void aGrantThatFailsIsRecordedAsFailedAndNothingExpires() {
        Member m = member();
        Run grant = plugboard("grant", "sentry", "--config", config.toString(), "--entitlement", "team:999:member",
                "--principal", "user:" + m.id(), "--for", "1h");

        assertThat(grant.exitCode()).isEqualTo(3);
        assertThat(grant.err()).startsWith("plugboard: ").endsWith("\nLease 1 records the failure; there is nothing"
                + " to expire.\n");
        assertThat(plugboard("leases", "--json").out()).contains("\"state\" : \"failed\",")
                .contains("\"grantOutcome\" : \"failed\",");
        later(Duration.ofHours(2));
        requests();
        assertThat(plugboard("expire", "sentry", "--config", config.toString()).out())
                .isEqualTo("No lease of connection 'sentry' is past its end.\n");
        assertThat(requests()).isEmpty();
    }

    @Test
    void aGrantWhoseAnswerWasNeverRecordedIsSettledByTheSyncBeforeIt() throws Exception {
        sync();
        Member m = member();
        Team added = teamWithout(m);
        Team held = teamWith(m);
        // What a process killed between sending the grant and recording its answer leaves: the lease recorded as
        // 'granting' (the step before the send), and the grant made (the send). The store's last sync, before it,
        // tells whether the access was held already.
        java.time.Instant requested = java.time.Instant.now().plusSeconds(60)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        java.time.Instant ends = requested.plus(Duration.ofHours(1));
        try (Store s = StoreOpener.open(StoreLocation.resolve(Optional.of(store), n -> Optional.empty(),
                Path.of(System.getProperty("user.home"))), "test")) {
            var acme = s.connection(Optional.of("acme"));
            for (Team t : java.util.List.of(added, held)) {
                s.leases().begin(acme, new dev.plugboard.host.store.LeaseRequest("team:" + t.id() + ":member",
                        "user:" + m.id(), Optional.empty(), Optional.empty(), "root", requested, ends));
            }
        }
        assertThat(raw("--plugins", plugins.toString(), "grant", "sentry", "--config", config.toString(),
                "--entitlement", "team:" + added.id() + ":member", "--principal", "user:" + m.id()).exitCode())
                .isZero();
        clock.set(ends);

        Run expire = plugboard("expire", "sentry", "--config", config.toString());

        assertThat(expire.exitCode()).as(expire.out()).isZero();
        assertThat(expire.out()).startsWith("lease 1: revoked: team:" + added.id() + ":member of user:" + m.id())
                .contains("lease 2: kept: team:" + held.id() + ":member of user:" + m.id() + " (ended " + ends
                        + ") - the last sync before the lease shows the access was already held\n")
                .endsWith("ended 2 leases of connection 'acme'.\n");
        assertThat(inTeam(added.id(), m.id())).isFalse();
        assertThat(inTeam(held.id(), m.id())).isTrue();
    }
}
