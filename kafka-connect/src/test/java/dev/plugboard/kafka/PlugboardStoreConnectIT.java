package dev.plugboard.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreLocation;
import dev.plugboard.host.store.StoreOpener;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import dev.plugboard.host.store.SyncStatus;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.faults.FaultRule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter with a shared PostgreSQL store (one embedded server and one Connect cluster for the class), against
 * the Sentry simulator: syncs written into the store as the CLI writes them, tombstones for exactly the records that
 * disappeared so the compacted topic equals a fresh CLI sync, a second connector of the same connection refused
 * clearly by the store, the store password kept out of REST answers, and the doc's example (which has a store) run
 * as written. The tests share the simulator, whose organization the last one churns: they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlugboardStoreConnectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final String STORE_PASSWORD = "pb-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    @TempDir
    static Path work;
    static ConnectFixture fixture;
    static SentrySimulator sim;
    static EmbeddedPostgres postgres;
    static String storeUrl;
    static Path secrets;
    static Path cliConfig;

    @BeforeAll
    static void start() throws Exception {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(11).members(250).teams(12).projects(30).build());
        postgres = EmbeddedPostgres.builder().start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("CREATE ROLE plugboard LOGIN PASSWORD '" + STORE_PASSWORD + "'");
            st.executeUpdate("CREATE DATABASE plugboard OWNER plugboard");
            // the role logs in with its password only (the embedded server trusts every other login)
            try (ResultSet rs = st.executeQuery("SHOW hba_file")) {
                rs.next();
                Path hba = Path.of(rs.getString(1));
                Files.writeString(hba, "host all plugboard 127.0.0.1/32 scram-sha-256\n" + Files.readString(hba));
            }
            st.execute("SELECT pg_reload_conf()");
        }
        storeUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/plugboard";
        fixture = new ConnectFixture(work);
        secrets = work.resolve("plugboard-secrets.properties");
        Files.writeString(secrets, "sentry.acme.token=" + sim.token() + "\nstore.password=" + STORE_PASSWORD + "\n");
        cliConfig = work.resolve("sentry.yaml");
        Files.writeString(cliConfig, "authToken: " + sim.token() + "\norganization: " + sim.organization()
                + "\nbaseUrl: " + sim.baseUrl() + "\n");
    }

    @AfterAll
    static void stop() throws IOException {
        if (fixture != null) {
            fixture.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    /** @return the lines of a fresh CLI sync of the simulator's organization (without a store) */
    private static List<String> cliSync(String name) throws IOException {
        Path out = work.resolve(name + ".jsonl");
        ConnectFixture.cli("--plugins", fixture.bundle.resolve("plugins").toString(), "sync", "sentry", "--config",
                cliConfig.toString(), "--out", out.toString(), "--no-store", "--quiet");
        return Files.readAllLines(out);
    }

    private static Map<String, String> storeConnector(String topic) {
        Map<String, String> p = new HashMap<>();
        p.put("plugboard.plugin", "sentry");
        p.put("plugboard.config", "organization: " + sim.organization() + "\nbaseUrl: " + sim.baseUrl() + "\n");
        p.put("plugboard.secret.authToken", "${file:" + secrets + ":sentry.acme.token}");
        p.put("plugboard.topic", topic);
        p.put("plugboard.store.url", storeUrl);
        p.put("plugboard.store.user", "plugboard");
        p.put("plugboard.store.password", "${file:" + secrets + ":store.password}");
        return ConnectFixture.connector(p);
    }

    private static Store openStore() {
        return StoreOpener.open(new StoreLocation(StoreLocation.Engine.POSTGRESQL, Optional.empty(), storeUrl,
                Optional.of("plugboard"), Optional.of(STORE_PASSWORD)), "test");
    }

    @Test
    @Order(1)
    void theDocsExampleRunsAsWritten() throws Exception {
        List<String> cli = cliSync("doc");
        DocExample example = DocExample.read(Path.of(System.getProperty("plugboard.docs", "../docs/kafka-connect.md")));
        @SuppressWarnings("unchecked")
        Map<String, Object> connector = JSON.readValue(example.connectorJson(), Map.class);
        String name = (String) connector.get("name");
        String topic = (String) connector.get("plugboard.topic");
        // what a test cluster needs: the simulator instead of sentry.io, this class's PostgreSQL and secrets file,
        // one broker
        connector.put("plugboard.config", "organization: " + sim.organization() + "\nbaseUrl: " + sim.baseUrl() + "\n");
        for (String secret : List.of("plugboard.secret.authToken", "plugboard.store.password")) {
            connector.put(secret, ((String) connector.get(secret)).replace("/etc/kafka/plugboard-secrets.properties",
                    secrets.toString()));
        }
        assertTrue(((String) connector.get("plugboard.store.url")).startsWith("jdbc:postgresql://"));
        connector.put("plugboard.store.url", storeUrl);
        connector.put("topic.creation.default.replication.factor", "1");
        String body = JSON.writeValueAsString(connector);

        List<String> answers = new ArrayList<>();
        for (DocExample.Curl curl : example.commands()) {
            String[] answer = fixture.rest(curl.method(), curl.path(), curl.sendsBody() ? body : null);
            assertTrue(answer[0].startsWith("2"), curl.line() + " answered " + answer[0] + ": " + answer[1]);
            answers.add(answer[1]);
            if (curl.path().endsWith("/config/validate")) {
                assertEquals(0, JSON.readTree(answer[1]).get("error_count").asInt(), answer[1]);
            } else if (curl.method().equals("PUT")) {
                assertSameSync(cli, fixture.consumeUntilMarkers(topic, 1, RUN_TIMEOUT));
                awaitCompletedOffset(name);
            } else if (curl.path().endsWith("/offsets")) {
                JsonNode offset = JSON.readTree(answer[1]).at("/offsets/0/offset");
                assertEquals("complete", offset.get("status").asText(), answer[1]);
                assertTrue(offset.get("storeSyncId").asLong() > 0, answer[1]);
            }
        }
        assertEquals(List.of("PUT", "PUT", "GET", "GET", "POST", "DELETE"),
                example.commands().stream().map(DocExample.Curl::method).toList());
        String all = String.join("\n", answers);
        assertFalse(all.contains(sim.token()), "no REST answer holds the token");
        assertFalse(all.contains(STORE_PASSWORD), "no REST answer holds the store password");
        try (Store store = openStore()) {
            StoredConnection c = store.connection(Optional.of(name));
            StoredSync last = lastSync(store, c);
            assertEquals(SyncStatus.COMPLETED, last.status());
            assertEquals(cli.size() - 1, last.resourceTypes() + last.resources() + last.entitlements() + last.grants());
        }
    }

    @Test
    @Order(2)
    void aSecondConnectorSyncingTheSameConnectionIsRefusedClearlyAndTheStoreKeepsOneSync() throws Exception {
        List<String> cli = cliSync("shared");
        String last = lastTeamSlug(cli);
        // the first connector's sync stalls on the last team's members page, its store sync running
        sim.faults().add(FaultRule.latency("/api/0/teams/" + sim.organization() + "/" + last + "/members/",
                Duration.ofSeconds(15)).times(1));
        int before;
        try (Store store = openStore()) {
            before = store.syncs(Optional.empty()).size();
        }
        Map<String, String> a = storeConnector("shared-a");
        a.put("plugboard.store.connection", "shared");
        fixture.connect.configureConnector("shared-a", a);
        ConnectFixture.await(() -> {
            try (Store store = openStore()) {
                return store.syncs(Optional.empty()).stream().anyMatch(s -> s.status() == SyncStatus.RUNNING);
            }
        }, Duration.ofSeconds(20), "the first connector's running sync in the store");

        Map<String, String> b = storeConnector("shared-b");
        b.put("plugboard.store.connection", "shared");
        fixture.connect.configureConnector("shared-b", b);
        ConnectFixture.await(() -> taskState("shared-b").equals("FAILED"), Duration.ofSeconds(30),
                "the second connector's task to fail");
        String trace = fixture.connect.connectorStatus("shared-b").tasks().get(0).trace();
        assertTrue(trace.contains("Plugboard store: the store " + storeUrl + " (user plugboard) refused to start a"
                + " sync: a sync of connection 'shared' is already running: sync "), trace);
        assertTrue(trace.contains("; wait for it to finish (plugboard syncs --connection shared shows it). Two"
                + " connectors, or a connector and 'plugboard sync', are syncing connection 'shared' into one store:"
                + " delete one of the connectors, or restart this task (POST"
                + " /connectors/NAME/restart?includeTasks=true) once the other sync has finished"), trace);
        assertFalse(trace.contains(STORE_PASSWORD));

        assertSameSync(cli, fixture.consumeUntilMarkers("shared-a", 1, RUN_TIMEOUT));
        try (Store store = openStore()) {
            List<StoredSync> syncs = store.syncs(Optional.empty());
            assertEquals(before + 1, syncs.size(), "only the first connector's sync: " + syncs);
            StoredSync mine = syncs.get(syncs.size() - 1);
            assertEquals(SyncStatus.COMPLETED, mine.status());
            assertEquals("shared", mine.connectionName());
            assertEquals(cli.size() - 1, mine.resourceTypes() + mine.resources() + mine.entitlements() + mine.grants());
        }
        fixture.connect.deleteConnector("shared-b");
        fixture.connect.deleteConnector("shared-a");
    }

    @Test
    @Order(3)
    void aTaskRestartedMidSyncContinuesItsStoredSync() throws Exception {
        String name = "store-restart";
        List<String> cli = cliSync("restart");
        String last = lastTeamSlug(cli);
        sim.faults().add(FaultRule.latency("/api/0/teams/" + sim.organization() + "/" + last + "/members/",
                Duration.ofSeconds(15)).times(1));
        int before;
        try (Store store = openStore()) {
            before = store.syncs(Optional.empty()).size();
        }
        fixture.connect.configureConnector(name, storeConnector(name));
        long[] committed = {-1};
        long[] stableSince = {System.nanoTime()};
        ConnectFixture.await(() -> {
            List<org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset> o =
                    fixture.connect.connectorOffsets(name).offsets();
            long now = o.isEmpty() ? 0 : ((Number) o.get(0).offset().get("records")).longValue();
            if (now != committed[0]) {
                committed[0] = now;
                stableSince[0] = System.nanoTime();
            }
            return now > 0 && System.nanoTime() - stableSince[0] > Duration.ofSeconds(3).toNanos();
        }, Duration.ofSeconds(20), "the stalled sync's offsets to settle");
        long storeSync = ((Number) fixture.connect.connectorOffsets(name).offsets().get(0).offset()
                .get("storeSyncId")).longValue();

        fixture.connect.restartTask(name, 0);
        List<ConnectFixture.Consumed> records = fixture.consumeUntilMarkers(name, 1, RUN_TIMEOUT);
        fixture.connect.deleteConnector(name);

        assertSameSync(cli, records);
        assertTrue(records.stream().noneMatch(r -> r.value() == null), "nothing disappeared: no tombstone");
        try (Store store = openStore()) {
            List<StoredSync> syncs = store.syncs(Optional.empty());
            assertEquals(before + 1, syncs.size(), "the restarted task continued its stored sync: " + syncs);
            StoredSync mine = syncs.get(syncs.size() - 1);
            assertEquals(storeSync, mine.id());
            assertEquals(SyncStatus.COMPLETED, mine.status());
            assertEquals(name, mine.connectionName());
            assertEquals(cli.size() - 1, mine.resourceTypes() + mine.resources() + mine.entitlements() + mine.grants());
            long[] stored = {0};
            store.records(mine, dev.plugboard.host.store.RecordFilter.all(), r -> stored[0]++);
            assertEquals(cli.size() - 1, stored[0], "each record stored once");
        }
    }

    @Test
    @Order(4)
    void afterChurnTheNextSyncTombstonesExactlyTheRemovedRecordsAndTheCompactedTopicEqualsAFreshCliSync()
            throws Exception {
        String name = "store-sync";
        List<String> first = cliSync("before-churn");
        Map<String, String> config = storeConnector(name);
        config.put("plugboard.interval.ms", "3600000");
        fixture.connect.configureConnector(name, config);
        List<ConnectFixture.Consumed> run1 = fixture.consumeUntilMarkers(name, 1, RUN_TIMEOUT);
        assertSameSync(first, run1);
        assertTrue(run1.stream().noneMatch(r -> r.value() == null), "no tombstone: nothing disappeared yet");
        awaitCompletedOffset(name);

        sim.churn(5, 3);
        List<String> second = cliSync("after-churn");
        // run again now: the same connection (the interval is not part of it), due at once
        config.put("plugboard.interval.ms", "0");
        fixture.connect.configureConnector(name, config);
        List<ConnectFixture.Consumed> both = fixture.consumeUntilMarkers(name, 2, RUN_TIMEOUT);
        fixture.connect.deleteConnector(name);
        List<ConnectFixture.Consumed> run2 = both.subList(run1.size(), both.size());

        List<ConnectFixture.Consumed> tombstones = run2.stream().filter(r -> r.value() == null).toList();
        List<ConnectFixture.Consumed> records = run2.stream().filter(r -> r.value() != null).toList();
        assertSameSync(second, records);
        Set<String> removed = new TreeSet<>(keys(first).keySet());
        removed.removeAll(keys(second).keySet());
        assertFalse(removed.isEmpty(), "the churn removed records");
        assertEquals(removed, new TreeSet<>(tombstones.stream().map(ConnectFixture.Consumed::key).toList()));
        assertEquals(removed.size(), tombstones.size(), "one tombstone per removed record");
        String syncId = run2.get(0).syncId();
        for (ConnectFixture.Consumed t : tombstones) {
            assertEquals(syncId, t.syncId());
            assertEquals(t.key().substring(0, t.key().indexOf('/')), t.kind());
        }
        assertEquals("summary", run2.get(run2.size() - 1).kind(), "the marker ends the run, after the tombstones");

        // the topic compacted: the latest value of each key, tombstoned keys gone
        Map<String, String> compacted = new LinkedHashMap<>();
        for (ConnectFixture.Consumed r : both) {
            if (r.value() == null) {
                compacted.remove(r.key());
            } else if (!"summary".equals(r.kind())) {
                compacted.put(r.key(), r.value());
            }
        }
        assertEquals(keys(second), compacted);

        // with interval 0 a third run may have started before the connector was deleted: deleting it stops that
        // run, and the store shows it interrupted, never left running
        ConnectFixture.await(() -> {
            try (Store store = openStore()) {
                return store.syncs(Optional.empty()).stream().noneMatch(s -> s.status() == SyncStatus.RUNNING);
            }
        }, Duration.ofSeconds(30), "no running sync in the store once the connector is deleted");
        try (Store store = openStore()) {
            StoredConnection c = store.connection(Optional.of(name));
            StoredSync latest = store.syncs(Optional.of(c)).stream().filter(s -> s.status() == SyncStatus.COMPLETED)
                    .reduce((x, y) -> y).orElseThrow();
            assertEquals(second.size() - 1,
                    latest.resourceTypes() + latest.resources() + latest.entitlements() + latest.grants());
        }
    }

    /** @return each record line of a sync file (summary excluded) by its Connect key */
    private static Map<String, String> keys(List<String> lines) throws IOException {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            JsonNode n = JSON.readTree(line);
            String kind = n.get("kind").asText();
            byKey.put(kind.equals("resource") ? "resource/" + n.get("type").asText() + "/" + n.get("id").asText()
                    : kind + "/" + n.get("id").asText(), line);
        }
        return byKey;
    }

    private static void assertSameSync(List<String> cli, List<ConnectFixture.Consumed> records) throws IOException {
        List<String> values = records.stream().map(ConnectFixture.Consumed::value).toList();
        assertEquals(cli.size(), values.size(), "record count");
        assertEquals(cli.subList(0, cli.size() - 1), values.subList(0, values.size() - 1));
        JsonNode cliSummary = JSON.readTree(cli.get(cli.size() - 1));
        JsonNode summary = JSON.readTree(values.get(values.size() - 1));
        for (String field : List.of("kind", "format", "plugin", "types", "counts")) {
            assertEquals(cliSummary.get(field), summary.get(field), field);
        }
    }

    private static void awaitCompletedOffset(String name) throws InterruptedException {
        ConnectFixture.await(() -> fixture.connect.connectorOffsets(name).offsets().stream()
                .anyMatch(o -> "complete".equals(o.offset().get("status"))), Duration.ofSeconds(15),
                "the completed sync's offset of " + name);
    }

    private static String taskState(String connector) {
        try {
            List<ConnectorStateInfo.TaskState> tasks = fixture.connect.connectorStatus(connector).tasks();
            return tasks.isEmpty() ? "" : tasks.get(0).state();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static StoredSync lastSync(Store store, StoredConnection c) {
        List<StoredSync> syncs = store.syncs(Optional.of(c));
        return syncs.get(syncs.size() - 1);
    }

    private static String lastTeamSlug(List<String> lines) throws IOException {
        String slug = null;
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            if ("resource".equals(n.path("kind").asText()) && "team".equals(n.path("type").asText())) {
                slug = n.at("/profile/slug").asText();
            }
        }
        assertTrue(slug != null, "the sync has teams");
        return slug;
    }
}
