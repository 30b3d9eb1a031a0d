package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the store keeps of leases, whatever the engine: each engine's test class extends this. */
abstract class LeaseStoreContract {
    static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    Store store;
    Leases leases;
    StoredConnection acme;

    abstract StoreLocation newLocation() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = StoreOpener.open(newLocation(), "test");
        leases = store.leases();
        acme = store.connect("fake", Org.config("acme"), Optional.of("acme"));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Lease begin(String entitlement, String principal, Duration length) {
        return leases.begin(acme, new LeaseRequest(entitlement, principal, Optional.of("INC-42"), Optional.of("ada"),
                "root", T0, T0.plus(length)));
    }

    @Test
    void aLeaseIsRecordedBeforeItsGrantAndItsAnswerAfterWithEveryStepAsAnEvent() {
        Lease intent = begin("team:7:member", "user:3", Duration.ofHours(8));
        assertThat(intent.state()).isEqualTo(Lease.State.GRANTING);
        assertThat(intent.grantOutcome()).isEmpty();
        assertThat(intent.connection()).isEqualTo("acme");
        assertThat(intent.endsAt()).isEqualTo(Instant.parse("2026-12-02T17:00:00Z"));

        Lease granted = leases.granted(intent, Lease.GrantOutcome.DONE, "granted team:7:member to user:3",
                List.of("POST /teams/7/members/3"), T0.plusSeconds(1));

        assertThat(granted.state()).isEqualTo(Lease.State.ACTIVE);
        assertThat(granted.ownsAccess()).isTrue();
        assertThat(granted.reason()).contains("INC-42");
        assertThat(granted.requestedBy()).contains("ada");
        assertThat(granted.grantedAt()).contains(T0.plusSeconds(1));
        assertThat(leases.events(granted)).extracting(LeaseEvent::event, LeaseEvent::outcome, LeaseEvent::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("grant_started", Optional.empty(), List.of()),
                        org.assertj.core.groups.Tuple.tuple("granted", Optional.of("done"),
                                List.of("POST /teams/7/members/3")));
        assertThat(leases.list(Optional.of(acme))).containsExactly(granted);
        assertThat(leases.find(granted.id())).contains(granted);
    }

    @Test
    void aLeaseIsDueFromItsEndUntilItsReadBackIsRecorded() {
        Lease l = leases.granted(begin("team:7:member", "user:3", Duration.ofHours(1)), Lease.GrantOutcome.DONE, "ok",
                List.of(), T0);
        Instant end = l.endsAt();

        assertThat(leases.due(acme, end.minusMillis(1))).isEmpty();
        assertThat(leases.nextEnd(acme, T0)).contains(end);
        assertThat(leases.due(acme, end)).containsExactly(l);

        Lease revoking = leases.revokeStarted(l, end);
        assertThat(revoking.state()).isEqualTo(Lease.State.REVOKING);
        assertThat(revoking.attempts()).isEqualTo(1);
        assertThat(leases.due(acme, end)).containsExactly(revoking);

        Lease ended = leases.revoked(revoking, Lease.EndOutcome.REVOKED, "revoked", List.of("DELETE /x"), end);
        assertThat(ended.state()).isEqualTo(Lease.State.ENDED);
        assertThat(leases.due(acme, end)).as("ended, not yet read back").containsExactly(ended);

        Lease verified = leases.verified(ended, Lease.Verification.GONE, "read team:7", 2, end);
        assertThat(leases.due(acme, end)).isEmpty();
        assertThat(leases.nextEnd(acme, end)).isEmpty();
        assertThat(verified.verification()).contains(Lease.Verification.GONE);
        assertThat(leases.events(verified)).extracting(LeaseEvent::event).containsExactly("grant_started", "granted",
                "revoke_started", "revoked", "verified");
    }

    @Test
    void alreadyHeldAccessIsNotOwnedAndAFailedGrantIsNeverDue() {
        Lease held = leases.granted(begin("team:7:member", "user:1", Duration.ofHours(1)),
                Lease.GrantOutcome.ALREADY_SO, "user:1 already holds team:7:member", List.of(), T0);
        Lease failed = leases.granted(begin("team:9:member", "user:1", Duration.ofHours(1)),
                Lease.GrantOutcome.FAILED, "no team 9", List.of(), T0);

        assertThat(held.ownsAccess()).isFalse();
        assertThat(held.state()).isEqualTo(Lease.State.ACTIVE);
        assertThat(failed.state()).isEqualTo(Lease.State.FAILED);
        assertThat(leases.due(acme, T0.plus(Duration.ofDays(1)))).containsExactly(held);

        Lease kept = leases.keep(held, "held before", T0.plus(Duration.ofHours(1)));
        assertThat(kept.endOutcome()).contains(Lease.EndOutcome.KEPT);
        assertThat(leases.due(acme, T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void aLeaseEndingBeforeALaterOneOfTheSameAccessHandsItOver() {
        Lease first = leases.granted(begin("team:7:member", "user:3", Duration.ofHours(1)), Lease.GrantOutcome.DONE,
                "ok", List.of(), T0);
        Lease second = leases.granted(begin("team:7:member", "user:3", Duration.ofHours(4)),
                Lease.GrantOutcome.ALREADY_SO, "already", List.of(), T0);
        begin("team:7:member", "user:2", Duration.ofHours(9));

        Instant end = first.endsAt();
        assertThat(leases.successor(first, end)).contains(second);
        Lease handed = leases.handOver(first, second, end);

        assertThat(handed.endOutcome()).contains(Lease.EndOutcome.HANDED_OVER);
        assertThat(handed.ownsAccess()).isFalse();
        assertThat(leases.find(second.id()).orElseThrow().ownsAccess()).isTrue();
        assertThat(leases.successor(second, second.endsAt())).isEmpty();
    }

    @Test
    void aFailedRevokeLeavesTheLeaseDueAndCounted() {
        Lease l = leases.granted(begin("team:7:member", "user:3", Duration.ofHours(1)), Lease.GrantOutcome.NEEDS_ACTION,
                "pending", List.of(), T0);
        Instant end = l.endsAt();

        Lease failed = leases.revokeFailed(leases.revokeStarted(l, end), "Sentry is down", end);

        assertThat(failed.state()).isEqualTo(Lease.State.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(leases.due(acme, end)).containsExactly(failed);
        assertThat(leases.events(failed).get(3).message()).contains("Sentry is down");
    }

    @Test
    void whetherAccessWasHeldBeforeComesFromTheLastSyncCompletedBeforeThen() throws IOException {
        assertThat(leases.heldBefore(acme, "team:7:member", "user:1", Instant.now())).isEmpty();
        Org o = Org.parse(Org.BASE);
        try (StoreSyncRun run = store.startSync(acme, StoreContract.META)) {
            o.write(run, o.size());
            run.complete(StoreContract.summary(o.size()));
        }
        Instant after = Instant.now().plusSeconds(1);

        assertThat(leases.heldBefore(acme, "team:7:member", "user:1", after)).contains(true);
        assertThat(leases.heldBefore(acme, "team:7:member", "user:3", after)).contains(false);
        assertThat(leases.latest(acme, "entitlement", "team:7:member")).hasValueSatisfying(json ->
                assertThat(json).contains("\"resource\":{\"type\":\"team\",\"id\":\"7\"}"));
        assertThat(leases.latest(acme, "resource", "team:99")).isEmpty();
    }

    @Test
    void theStoreIsAtSchemaFourWithTheLeaseTables() throws Exception {
        try (Connection c = StoreOpener.connect(store.location()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM store_info WHERE name = 'schema'")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(Integer.toString(StoreOpener.SCHEMA_VERSION));
            assertThat(st.executeQuery("SELECT COUNT(*) FROM leases").next()).isTrue();
            assertThat(st.executeQuery("SELECT COUNT(*) FROM lease_events").next()).isTrue();
        }
    }
}
