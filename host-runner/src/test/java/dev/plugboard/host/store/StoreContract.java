package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.plugboard.host.sync.SyncCounts;
import dev.plugboard.host.sync.SyncSummary;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store does, whatever the engine: each engine's test class extends this with a fresh store per test.
 */
abstract class StoreContract {
    static final SyncMetadata META = new SyncMetadata("0.0.1", "1.0", "test", List.of("user", "team", "project"));

    Store store;

    /** @return a new, empty store's location */
    abstract StoreLocation newLocation() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = StoreOpener.open(newLocation(), "test");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static SyncSummary summary(long resources) {
        return new SyncSummary("fake", List.of("user", "team", "project"), new SyncCounts(3, new TreeMap<>()), 5, 1, 7,
                0, 0);
    }

    /** Runs a whole sync of the org and completes it. */
    StoredSync sync(StoredConnection c, String org) throws IOException {
        Org o = Org.parse(org);
        try (StoreSyncRun run = store.startSync(c, META)) {
            o.write(run, o.size());
            run.complete(summary(o.size()));
            return store.completedSync(c, run.syncId());
        }
    }

    List<String> recordsAt(StoredSync s) {
        List<String> out = new ArrayList<>();
        store.records(s, RecordFilter.all(), r -> out.add(r.json()));
        return out;
    }

    List<String> changes(StoredSync from, StoredSync to) {
        List<String> out = new ArrayList<>();
        store.changes(from, to, r -> out.add((r.lastSyncId().orElseThrow() < to.id() ? "- " : "+ ") + r.kind() + " "
                + r.key()));
        return out;
    }

    long versionCount() throws Exception {
        try (Connection c = StoreOpener.connect(store.location()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM record_versions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    StoredConnection acme() {
        return store.connect("fake", Org.config("acme"), Optional.empty());
    }

    @Test
    void aCompletedSyncIsListedWithItsCountsAndReadsBackEveryRecordInOrder() throws Exception {
        StoredConnection c = acme();

        StoredSync s = sync(c, Org.BASE);

        assertThat(store.syncs(Optional.empty())).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo(s.id());
            assertThat(x.connectionName()).isEqualTo("fake");
            assertThat(x.status()).isEqualTo(SyncStatus.COMPLETED);
            assertThat(x.requests()).isEqualTo(7);
            assertThat(x.types()).containsExactly("user", "team", "project");
            assertThat(x.finishedAt()).isPresent();
        });
        assertThat(recordsAt(s)).hasSize(Org.parse(Org.BASE).size()).startsWith(
                "{\"kind\":\"resourceType\",\"id\":\"user\",\"displayName\":\"User\",\"traits\":[\"USER\"],\"description\":"
                        + "\"a user\"}",
                "{\"kind\":\"resourceType\",\"id\":\"team\",\"displayName\":\"Team\",\"traits\":[\"GROUP\"],\"description\":"
                        + "\"a team\"}")
                .contains("{\"kind\":\"grant\",\"id\":\"project:30:access:team:7\",\"entitlement\":\"project:30:access\","
                        + "\"principal\":{\"type\":\"team\",\"id\":\"7\"},\"expandable\":[\"team:7:member\"]}");
    }

    @Test
    void theStoreGrowsWithChangeNotWithTheNumberOfSyncs() throws Exception {
        StoredConnection c = acme();
        StoredSync first = sync(c, Org.BASE);
        long afterOne = versionCount();

        sync(c, Org.BASE);
        StoredSync third = sync(c, Org.BASE);

        assertThat(versionCount()).isEqualTo(afterOne).isEqualTo(Org.parse(Org.BASE).size());
        assertThat(recordsAt(third)).isEqualTo(recordsAt(first));
        assertThat(changes(first, third)).isEmpty();
    }

    @Test
    void changesBetweenTwoSyncsAreTheVersionsValidAtOnlyOneOfThem() throws Exception {
        StoredConnection c = acme();
        StoredSync before = sync(c, Org.BASE);

        StoredSync after = sync(c, Org.BASE.replace("user 2 Bob member", "user 2 Bob admin")
                .replace("member 7 1\n", "") + "user 4 Dee member\nmember 8 4\naccess 30 8\n");

        assertThat(changes(before, after)).containsExactlyInAnyOrder(
                "- resource user:2", "+ resource user:2",
                "- grant team:7:member:user:1",
                "+ resource user:4", "+ grant team:8:member:user:4", "+ grant project:30:access:team:8");
        assertThat(versionCount()).isEqualTo(Org.parse(Org.BASE).size() + 4);
    }

    @Test
    void aFailedSyncNeverClosesAnIntervalAndCountsNothingAsRemoved() throws Exception {
        StoredConnection c = acme();
        StoredSync first = sync(c, Org.BASE);
        Org changed = Org.parse(Org.BASE + "user 4 Dee member\n");

        try (StoreSyncRun run = store.startSync(c, META)) {
            changed.write(run, 5);
            run.stop(SyncStatus.FAILED, "token **** may not list grants");
        }

        assertThat(store.syncs(Optional.of(c))).extracting(StoredSync::status)
                .containsExactly(SyncStatus.COMPLETED, SyncStatus.FAILED);
        assertThat(store.syncs(Optional.of(c)).get(1).error()).contains("token **** may not list grants");
        StoredSync latest = store.completedAt(c, Instant.now()).orElseThrow();
        assertThat(latest.id()).isEqualTo(first.id());
        assertThat(recordsAt(latest)).isEqualTo(recordsAt(first));
        assertThatThrownBy(() -> store.completedSync(c, first.id() + 1)).isInstanceOf(StoreException.class)
                .hasMessage("sync " + (first.id() + 1) + " of connection 'fake' is failed, not completed: only a"
                        + " completed sync shows the whole state");
    }

    @Test
    void aResumedSyncContinuesTheSameStoredSyncAndStoresEachRecordOnce() throws Exception {
        StoredConnection c = acme();
        StoredSync first = sync(c, Org.BASE);
        Org changed = Org.parse(Org.BASE + "user 4 Dee member\nmember 7 4\n");
        long id;
        try (StoreSyncRun run = store.startSync(c, META)) {
            id = run.syncId();
            changed.write(run, changed.size() - 1);
            run.checkpointer(state -> new dev.plugboard.host.sync.Checkpoint("fake", List.of("user"), "s", "d", 0,
                    state), () -> 0).save(new dev.plugboard.host.sync.SyncState(SyncCounts.empty(), List.of(), 1, 2, 3,
                    0, 0));
            run.stop(SyncStatus.INTERRUPTED, "the sync was cancelled");
        }

        try (StoreSyncRun resumed = store.resumeSync(c, META)) {
            assertThat(resumed.syncId()).isEqualTo(id);
            assertThat(resumed.checkpoint()).hasValueSatisfying(cp -> assertThat(cp.state().requests()).isEqualTo(3));
            changed.write(resumed, changed.size());
            resumed.complete(summary(changed.size()));
        }

        StoredSync second = store.completedSync(c, id);
        assertThat(store.syncs(Optional.of(c))).hasSize(2);
        assertThat(changes(first, second)).containsExactlyInAnyOrder("+ resource user:4",
                "+ grant team:7:member:user:4");
        assertThat(versionCount()).isEqualTo(changed.size());
        assertThat(recordsAt(second)).hasSize(changed.size());
    }

    @Test
    void thereIsNothingToResumeAfterACompletedSync() throws Exception {
        StoredConnection c = acme();
        StoredSync s = sync(c, Org.BASE);

        assertThatThrownBy(() -> store.resumeSync(c, META)).isInstanceOf(StoreException.class)
                .hasMessage("there is nothing to resume: the last sync of connection 'fake' (sync " + s.id()
                        + ") completed; run without --resume");
    }

    @Test
    void aSecondSyncOfTheSameConnectionIsRefusedNamingTheRunningOne() throws Exception {
        StoredConnection c = acme();
        try (StoreSyncRun running = store.startSync(c, META)) {
            assertThatThrownBy(() -> store.startSync(c, META)).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).problem()).isEqualTo(StoreException.Problem.CONFLICT))
                    .hasMessageStartingWith("a sync of connection 'fake' is already running: sync " + running.syncId()
                            + ", started ")
                    .hasMessageContaining(" by pid " + ProcessHandle.current().pid() + " on host ")
                    .hasMessageEndingWith("; wait for it to finish (plugboard syncs --connection fake shows it)");
            running.stop(SyncStatus.INTERRUPTED, "stopped");
        }
    }

    @Test
    void syncsOfDifferentConnectionsRunAtOnce() throws Exception {
        StoredConnection a = acme();
        StoredConnection b = store.connect("fake", Org.config("globex"), Optional.of("globex"));
        Org org = Org.parse(Org.BASE);

        try (StoreSyncRun ra = store.startSync(a, META); StoreSyncRun rb = store.startSync(b, META)) {
            org.write(ra, 4);
            org.write(rb, org.size());
            org.write(ra, org.size());
            rb.complete(summary(org.size()));
            ra.complete(summary(org.size()));
        }

        assertThat(store.syncs(Optional.empty())).extracting(StoredSync::connectionName, StoredSync::status)
                .containsExactly(tuple("fake", SyncStatus.COMPLETED),
                        tuple("globex", SyncStatus.COMPLETED));
        assertThat(versionCount()).isEqualTo(2L * org.size());
    }

    @Test
    void aConnectionIsAPluginAndItsConfigurationNamedOnce() {
        StoredConnection first = acme();
        StoredConnection again = store.connect("fake", Org.config("acme"), Optional.empty());
        StoredConnection other = store.connect("fake", Org.config("globex"), Optional.empty());
        StoredConnection renamed = store.connect("fake", Org.config("acme"), Optional.of("acme-fake"));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.name()).isEqualTo("fake-2");
        assertThat(renamed.id()).isEqualTo(first.id());
        assertThat(renamed.name()).isEqualTo("acme-fake");
        assertThat(renamed.config()).isEqualTo("{\"organization\":\"acme\",\"token\":\"****\"}");
        assertThat(store.connection(Optional.of("acme-fake")).id()).isEqualTo(first.id());
        assertThatThrownBy(() -> store.connect("fake", Org.config("initech"), Optional.of("acme-fake")))
                .hasMessage("connection 'acme-fake' was made with another configuration (organization: acme then,"
                        + " initech now); use the same configuration, or another --connection name for this one");
        assertThatThrownBy(() -> store.connection(Optional.of("nope")))
                .hasMessageEndingWith("; it has: acme-fake, fake-2");
        assertThatThrownBy(() -> store.connection(Optional.empty()))
                .hasMessageEndingWith("has several connections; choose one with --connection: acme-fake, fake-2");
    }

    @Test
    void pruneKeepsTheNewestSyncsAndEveryIntervalConsistentWithThem() throws Exception {
        StoredConnection c = acme();
        sync(c, Org.BASE);
        StoredSync second = sync(c, Org.BASE + "user 4 Dee member\n");
        StoredSync third = sync(c, Org.BASE + "user 4 Dee member\nuser 5 Eve member\n");
        List<String> thirdBefore = recordsAt(third);

        Store.PruneResult result = store.prune(Optional.empty(), OptionalInt.of(2), Optional.empty());

        assertThat(result.syncs()).isEqualTo(1);
        assertThat(result.versions()).isZero();
        assertThat(store.syncs(Optional.empty())).extracting(StoredSync::id).containsExactly(second.id(), third.id());
        assertThat(recordsAt(third)).isEqualTo(thirdBefore);
        assertThat(changes(second, third)).containsExactly("+ resource user:5");

        store.prune(Optional.of(c), OptionalInt.of(1), Optional.empty());
        assertThat(store.syncs(Optional.empty())).extracting(StoredSync::id).containsExactly(third.id());
        assertThat(recordsAt(third)).isEqualTo(thirdBefore);
        assertThat(versionCount()).isEqualTo(thirdBefore.size());
    }

    @Test
    void aStoreWrittenByANewerPlugboardIsRefusedNamingItsVersion() throws Exception {
        StoreLocation where = store.location();
        try (Connection c = StoreOpener.connect(where); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO plugboard_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'me', 0, " + (where.engine() == StoreLocation.Engine.SQLITE ? "1" : "true")
                    + ")");
            st.executeUpdate("UPDATE store_info SET value = '9.1.0' WHERE name = 'written_by'");
        }

        assertThatThrownBy(() -> StoreOpener.open(where, "0.1.0")).isInstanceOf(StoreException.class)
                .hasMessage("the store " + where.describe() + " was written by Plugboard 9.1.0 (store schema 99); this"
                        + " Plugboard (0.1.0) knows store schema " + StoreOpener.SCHEMA_VERSION + " at most: upgrade"
                        + " Plugboard to use it");
    }

    List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = StoreOpener.connect(store.location()); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cells.add(rs.getString(i));
                }
                rows.add(String.join("|", cells));
            }
        }
        return rows;
    }

    @Test
    void theEffectiveAccessViewShowsAGrantHeldViaOtherEntitlementsWithItsPathNotAsDirect() throws Exception {
        StoredConnection c = acme();
        sync(c, Org.BASE + "held 7 2 role:manager:assigned,team:7:member\n");

        assertThat(query("SELECT principal, entitlement_id, path FROM current_effective_access WHERE principal ="
                + " 'user:2' ORDER BY entitlement_id, path")).containsExactly(
                "user:2|project:30:access|team:7:member -> project:30:access",
                "user:2|team:7:admin|role:manager:assigned + team:7:member -> team:7:admin",
                "user:2|team:7:member|direct");
    }

    @Test
    void theViewsAnswerWhoGainedWhatAndWhoHoldsWhatNowInSql() throws Exception {
        StoredConnection c = acme();
        StoredSync first = sync(c, Org.BASE);
        StoredSync second = sync(c, Org.BASE.replace("user 2 Bob member", "user 2 Bob admin")
                .replace("member 7 1\n", "") + "user 4 Dee member\nmember 8 4\naccess 30 8\n");

        assertThat(query("SELECT sync_id, change, kind, record_key FROM record_changes ORDER BY kind, record_key,"
                + " change")).containsExactly(
                second.id() + "|added|grant|project:30:access:team:8",
                second.id() + "|removed|grant|team:7:member:user:1",
                second.id() + "|added|grant|team:8:member:user:4",
                second.id() + "|changed|resource|user:2",
                second.id() + "|added|resource|user:4");
        assertThat(query("SELECT principal, entitlement_id, path FROM current_effective_access WHERE principal ="
                + " 'user:4' ORDER BY entitlement_id")).containsExactly(
                "user:4|project:30:access|team:8:member -> project:30:access",
                "user:4|project:40:access|team:8:member -> project:40:access",
                "user:4|team:8:member|direct");
        assertThat(query("SELECT grant_id, principal_type, principal_id, since_sync_id FROM current_grants WHERE"
                + " entitlement_id = 'project:30:access' ORDER BY grant_id")).containsExactly(
                "project:30:access:team:7|team|7|" + first.id(), "project:30:access:team:8|team|8|" + second.id());
        assertThat(query("SELECT grant_id, since_sync_id, until_sync_id, current FROM grant_intervals WHERE principal"
                + " = 'user:1'")).containsExactly("team:7:member:user:1|" + first.id() + "|" + first.id() + "|0");
    }
}
