package dev.plugboard.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.faults.FaultRule;
import dev.plugboard.simulator.model.Team;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter in a real Connect cluster (one per class), against the Sentry simulator, compared with the CLI: the
 * same records, resumption without fetching completed pages again, validation with JSON pointers, secrets kept out
 * of REST answers, and report jobs (restarted too). The store, tombstones and the doc's example:
 * {@link PlugboardStoreConnectIT}.
 */
class PlugboardConnectIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path work;
    static ConnectFixture fixture;
    static SentrySimulator sim;
    static Path secrets;
    static Path cliConfig;
    static List<String> cliSync;

    @BeforeAll
    static void start() throws IOException {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(250).teams(12).projects(30).build());
        fixture = new ConnectFixture(work);
        secrets = work.resolve("secrets.properties");
        Files.writeString(secrets, "sentry.token=" + sim.token() + "\n");
        cliConfig = work.resolve("sentry.yaml");
        Files.writeString(cliConfig, "authToken: " + sim.token() + "\norganization: " + sim.organization()
                + "\nbaseUrl: " + sim.baseUrl() + "\n");
        Path out = work.resolve("cli-sync.jsonl");
        ConnectFixture.cli("--plugins", fixture.bundle.resolve("plugins").toString(), "sync", "sentry", "--config",
                cliConfig.toString(), "--out", out.toString(), "--no-store", "--quiet");
        cliSync = Files.readAllLines(out);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static Map<String, String> syncConnector(String topic) {
        Map<String, String> p = new HashMap<>();
        p.put("plugboard.plugin", "sentry");
        p.put("plugboard.config", "organization: " + sim.organization() + "\nbaseUrl: " + sim.baseUrl() + "\n");
        p.put("plugboard.secret.authToken", "${file:" + secrets + ":sentry.token}");
        p.put("plugboard.topic", topic);
        return ConnectFixture.connector(p);
    }

    @Test
    void aSyncDeployedThroughRestWritesTheCliSyncsRecordsAndKeepsTheTokenOutOfRestAnswers() throws Exception {
        String name = "sync-compare";
        fixture.connect.configureConnector(name, syncConnector(name));
        List<ConnectFixture.Consumed> records = fixture.consumeUntilMarkers(name, 1, RUN_TIMEOUT);

        assertSameSync(records);
        ConnectFixture.Consumed first = records.get(0);
        assertEquals("resourceType/organization", first.key());
        assertEquals("resourceType", first.kind());
        String syncId = first.syncId();
        assertTrue(records.stream().allMatch(r -> syncId.equals(r.syncId())), "one sync id on every record");
        for (ConnectFixture.Consumed r : records) {
            JsonNode value = JSON.readTree(r.value());
            assertEquals(value.get("kind").asText(), r.kind());
            String expectedKey = switch (r.kind()) {
                case "resource" -> "resource/" + value.get("type").asText() + "/" + value.get("id").asText();
                case "summary" -> "summary";
                default -> r.kind() + "/" + value.get("id").asText();
            };
            assertEquals(expectedKey, r.key());
        }

        String config = fixture.rest("GET", "/connectors/" + name + "/config", null)[1];
        assertTrue(config.contains("${file:" + secrets + ":sentry.token}"), config);
        String tasks = fixture.rest("GET", "/connectors/" + name + "/tasks", null)[1];
        String status = fixture.rest("GET", "/connectors/" + name + "/status", null)[1];
        assertTrue(status.contains("\"state\":\"RUNNING\""), status);
        for (String answer : List.of(config, tasks, status)) {
            assertFalse(answer.contains(sim.token()), "the token must not appear in " + answer);
        }

        awaitCompletedOffset(name);
        List<ConnectorOffset> offsets = fixture.connect.connectorOffsets(name).offsets();
        assertEquals(1, offsets.size(), offsets.toString());
        assertTrue(String.valueOf(offsets.get(0).partition().get("connection")).startsWith("sentry/"));
        assertEquals("complete", offsets.get(0).offset().get("status"));
        assertEquals(syncId, offsets.get(0).offset().get("syncId"));
        assertEquals((long) cliSync.size(), ((Number) offsets.get(0).offset().get("records")).longValue());
        fixture.connect.deleteConnector(name);
    }

    @Test
    void aTaskRestartedMidSyncResumesWithoutFetchingACompletedPageAgain() throws Exception {
        String name = "sync-restart";
        Team last = lastTeamInWalkOrder();
        // the last team's members page answers after 25 s: the sync stalls there with every earlier page written
        sim.faults().add(FaultRule.latency("/api/0/teams/" + sim.organization() + "/" + last.slug() + "/members/",
                Duration.ofSeconds(25)).times(1));
        fixture.connect.configureConnector(name, syncConnector(name));
        long[] committed = {-1};
        long[] stableSince = {System.nanoTime()};
        ConnectFixture.await(() -> {
            long now = committedRecords(name);
            if (now != committed[0]) {
                committed[0] = now;
                stableSince[0] = System.nanoTime();
            }
            return now > 0 && System.nanoTime() - stableSince[0] > Duration.ofSeconds(3).toNanos();
        }, Duration.ofSeconds(20), "the stalled sync's offsets to settle");
        assertTrue(committed[0] < cliSync.size(), "the sync must stall before its end, committed " + committed[0]);

        sim.resetStats();
        fixture.connect.restartTask(name, 0);
        List<ConnectFixture.Consumed> records = fixture.consumeUntilMarkers(name, 1, RUN_TIMEOUT);

        // every record once: the resumed task started right after the last committed record
        assertSameSync(records);
        assertEquals(1, records.stream().map(ConnectFixture.Consumed::syncId).distinct().count(),
                "the resumed sync keeps its sync id");
        Map<String, Long> after = sim.stats().perEndpoint();
        assertEquals(0, after.getOrDefault("GET /api/0/organizations/{org}/members/", 0L), after.toString());
        assertEquals(0, after.getOrDefault("GET /api/0/organizations/{org}/teams/", 0L), after.toString());
        assertEquals(1, after.getOrDefault("GET /api/0/teams/{org}/{team}/members/", 0L),
                "only the stalled team's page is fetched again: " + after);
        JsonNode summary = JSON.readTree(records.get(records.size() - 1).value());
        assertEquals(JSON.readTree(cliSync.get(cliSync.size() - 1)).get("counts"), summary.get("counts"));
        fixture.connect.deleteConnector(name);
    }

    @Test
    void configValidateReportsSchemaErrorsWithTheirPointerAndHidesTheSecret() {
        Map<String, String> config = syncConnector("validate");
        config.put("name", "validate");
        config.put("plugboard.config", "organization: " + sim.organization() + "\nbaseUrl: ftp://example.com\n");
        config.put("plugboard.secret.authToken", sim.token());
        ConfigInfos infos = fixture.connect.validateConnectorConfig("PlugboardSourceConnector", config);

        Map<String, ConfigInfo> byName = infos.configs().stream()
                .collect(Collectors.toMap(c -> c.configValue().name(), c -> c));
        assertEquals(1, infos.errorCount(), infos.toString());
        assertTrue(byName.get("plugboard.config").configValue().errors().stream()
                .anyMatch(e -> e.startsWith("/baseUrl: ")), byName.get("plugboard.config").toString());
        ConfigInfo secret = byName.get("plugboard.secret.authToken");
        assertEquals("PASSWORD", secret.configKey().type());
        assertEquals("[hidden]", secret.configValue().value());
        assertFalse(infos.toString().contains(sim.token()), "the token must not appear in the validate answer");

        config.put("plugboard.secret.authToken", "${vault:secret/sentry:token}");
        ConfigInfos unresolved = fixture.connect.validateConnectorConfig("PlugboardSourceConnector", config);
        assertTrue(unresolved.configs().stream().filter(c -> c.configValue().name().equals("plugboard.secret.authToken"))
                .flatMap(c -> c.configValue().errors().stream())
                .anyMatch(e -> e.startsWith("holds a config provider reference the worker did not resolve")),
                unresolved.toString());

        config.put("plugboard.secret.authToken", sim.token());
        config.put("plugboard.store.url", "jdbc:postgresql://127.0.0.1:5432/plugboard?user=pb&password=pw");
        ConfigInfos passwordInUrl = fixture.connect.validateConnectorConfig("PlugboardSourceConnector", config);
        assertEquals(1, passwordInUrl.errorCount(), passwordInUrl.toString());
        assertEquals(List.of("plugboard.store.url holds a password: remove it from the URL and set"
                + " plugboard.store.password (a PASSWORD setting, best a config provider reference such as"
                + " ${file:PATH:KEY})"), passwordInUrl.configs().stream()
                .filter(c -> c.configValue() != null && c.configValue().name().equals("plugboard.store.url"))
                .flatMap(c -> c.configValue().errors().stream()).toList());
        assertEquals("PASSWORD", passwordInUrl.configs().stream()
                .filter(c -> c.configKey() != null && c.configKey().name().equals("plugboard.store.password"))
                .findFirst().orElseThrow()
                .configKey().type());
        config.remove("plugboard.store.url");

        config.put("plugboard.config", "authToken: " + sim.token() + "\norganization: " + sim.organization() + "\n");
        ConfigInfos inline = fixture.connect.validateConnectorConfig("PlugboardSourceConnector", config);
        assertTrue(inline.configs().stream().flatMap(c -> c.configValue().errors().stream())
                .anyMatch(e -> e.startsWith("/authToken is secret: remove it from plugboard.config")), inline.toString());
    }

    @Test
    void aReportJobWritesTheCliReportsRowsThenItsMarker() throws Exception {
        String name = "report-teams";
        String cli = ConnectFixture.cli("--plugins", fixture.bundle.resolve("plugins").toString(), "report", "sentry",
                "organization-teams", "--config", cliConfig.toString(), "--format", "jsonl");
        Map<String, String> config = syncConnector(name);
        config.put("plugboard.job", "report");
        config.put("plugboard.report", "organization-teams");
        fixture.connect.configureConnector(name, config);
        List<ConnectFixture.Consumed> records = fixture.consumeUntilMarkers(name, 1, RUN_TIMEOUT);

        List<String> rows = records.stream().filter(r -> r.kind().equals("row")).map(ConnectFixture.Consumed::value)
                .toList();
        assertEquals(cli.lines().toList(), rows);
        JsonNode marker = JSON.readTree(records.get(records.size() - 1).value());
        assertEquals("summary", marker.get("kind").asText());
        assertEquals("organization-teams", marker.get("report").asText());
        assertEquals(rows.size(), marker.get("rows").asInt());
        assertEquals(Set.of(records.get(0).syncId()), records.stream().map(ConnectFixture.Consumed::syncId)
                .collect(Collectors.toSet()));
        fixture.connect.deleteConnector(name);
    }

    @Test
    void aReportJobRestartedMidRunResumesAtThePageAfterTheLastCommittedOne() throws Exception {
        String name = "report-restart";
        // three teams that have projects: one report page each, in this order
        Set<String> withProjects = sim.org().projects().stream().flatMap(p -> p.teamIds().stream())
                .collect(Collectors.toSet());
        List<Team> teams = sim.org().teams().stream().filter(t -> withProjects.contains(t.id())).limit(3).toList();
        assertEquals(3, teams.size(), "the simulated org has three teams with projects");
        List<String> slugs = teams.stream().map(Team::slug).toList();
        String cli = ConnectFixture.cli("--plugins", fixture.bundle.resolve("plugins").toString(), "report", "sentry",
                "team-projects", "--config", cliConfig.toString(), "--param", "teams=" + String.join(",", slugs),
                "--format", "jsonl");
        // the third team's page answers after 25 s: the run stalls there with the first two pages written
        sim.faults().add(FaultRule.latency("/api/0/teams/" + sim.organization() + "/" + slugs.get(2) + "/projects/",
                Duration.ofSeconds(25)).times(1));
        Map<String, String> config = syncConnector(name);
        config.put("plugboard.job", "report");
        config.put("plugboard.report", "team-projects");
        config.put("plugboard.report.params", "teams: [" + String.join(", ", slugs) + "]");
        fixture.connect.configureConnector(name, config);
        ConnectFixture.await(() -> {
            List<ConnectorOffset> o = fixture.connect.connectorOffsets(name).offsets();
            return !o.isEmpty() && o.get(0).offset().get("checkpoint") != null
                    && ((Number) o.get(0).offset().get("records")).longValue() == rowsOf(cli, slugs, 2);
        }, Duration.ofSeconds(20), "the offset after the second team's page");

        sim.resetStats();
        fixture.connect.restartTask(name, 0);
        List<ConnectFixture.Consumed> records = fixture.consumeUntilMarkers(name, 1, RUN_TIMEOUT);

        List<String> rows = records.stream().filter(r -> r.kind().equals("row")).map(ConnectFixture.Consumed::value)
                .toList();
        assertEquals(cli.lines().toList(), rows, "every row once, in order");
        Map<String, Long> after = sim.stats().perEndpoint();
        // the new task's connector asks for the organization once (its region host); of the report's pages only the
        // stalled one is read again, and the teams are not listed again (they were resolved on the first page)
        assertEquals(Map.of("GET /api/0/organizations/{org}/", 1L, "GET /api/0/teams/{org}/{team}/projects/", 1L),
                after, after.toString());
        JsonNode marker = JSON.readTree(records.get(records.size() - 1).value());
        assertEquals(rows.size(), marker.get("rows").asInt());
        assertEquals(3, marker.get("pages").asInt());
        assertEquals(1, records.stream().map(ConnectFixture.Consumed::syncId).distinct().count(),
                "the resumed run keeps its id");
        fixture.connect.deleteConnector(name);
    }

    /** @return the rows of the first {@code n} teams' pages of a team-projects report */
    private static long rowsOf(String report, List<String> slugs, int n) throws RuntimeException {
        Set<String> first = Set.copyOf(slugs.subList(0, n));
        return report.lines().filter(l -> {
            try {
                return first.contains(JSON.readTree(l).get("teamSlug").asText());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count();
    }

    /** The records are the CLI's lines in order, once each; the marker has the CLI summary's counts. */
    private static void assertSameSync(List<ConnectFixture.Consumed> records) throws IOException {
        List<String> values = records.stream().map(ConnectFixture.Consumed::value).toList();
        assertEquals(cliSync.size(), values.size(), "record count");
        assertEquals(cliSync.subList(0, cliSync.size() - 1), values.subList(0, values.size() - 1));
        JsonNode cliSummary = JSON.readTree(cliSync.get(cliSync.size() - 1));
        JsonNode summary = JSON.readTree(values.get(values.size() - 1));
        for (String field : List.of("kind", "format", "plugin", "types", "counts")) {
            assertEquals(cliSummary.get(field), summary.get(field), field);
        }
    }

    /** Connect commits offsets every offset.flush.interval.ms: wait for the marker's. */
    private static void awaitCompletedOffset(String name) throws InterruptedException {
        ConnectFixture.await(() -> fixture.connect.connectorOffsets(name).offsets().stream()
                .anyMatch(o -> "complete".equals(o.offset().get("status"))), Duration.ofSeconds(15),
                "the completed sync's offset of " + name);
    }

    private static long committedRecords(String name) {
        List<ConnectorOffset> offsets = fixture.connect.connectorOffsets(name).offsets();
        return offsets.isEmpty() ? 0 : ((Number) offsets.get(0).offset().get("records")).longValue();
    }

    private static Team lastTeamInWalkOrder() throws IOException {
        String lastId = null;
        for (String line : cliSync) {
            JsonNode n = JSON.readTree(line);
            if ("resource".equals(n.path("kind").asText()) && "team".equals(n.path("type").asText())) {
                lastId = n.get("id").asText();
            }
        }
        String id = lastId;
        return sim.org().teams().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }
}
