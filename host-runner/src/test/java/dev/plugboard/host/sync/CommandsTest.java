package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.CliRun;
import dev.plugboard.host.plugin.FixtureJars;
import dev.plugboard.host.report.FakeReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync, access, reports and report commands against the test plugin loaded from a jar. */
class CommandsTest {
    @TempDir
    Path work;
    Path plugins;
    Path config;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = new FixtureJars(Files.createDirectories(work.resolve("build"))).jar("fake.jar")
                .classes(FakePluginProvider.class, FakeResourceSync.class, FakeReports.class)
                .service(FakePluginProvider.class.getName()).build();
        Files.move(jar, plugins.resolve("fake.jar"));
        config = Files.writeString(work.resolve("c.json"), "{\"token\": \"tok-123456\"}");
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void syncWritesTheFileAtomicallyAndQuietly() throws Exception {
        Path out = work.resolve("s.jsonl");

        CliRun sync = run("sync", "fake", "--config", config.toString(), "--out", out.toString(), "--quiet");

        assertThat(sync.exitCode()).isZero();
        assertThat(sync.out()).isEmpty();
        assertThat(sync.err()).isEmpty();
        assertThat(SyncTesting.withoutDuration(Files.readString(out))).isEqualTo(SyncEngineTest.SMALL_SYNC);
        assertThat(Files.readString(out)).doesNotContain("tok-123456");
    }

    @Test
    void syncToStdoutWithASummaryOnStderrAndTypesAndConcurrency() {
        CliRun sync = run("sync", "fake", "--config", config.toString(), "--types", "project", "--concurrency", "1",
                "--no-store");

        assertThat(sync.exitCode()).isZero();
        List<String> small = SyncEngineTest.SMALL_SYNC.lines().toList();
        List<String> projectPart = new ArrayList<>(List.of(small.get(3)));
        projectPart.addAll(small.subList(15, 21));
        assertThat(sync.out().lines().filter(l -> !l.contains("\"summary\"")).toList()).isEqualTo(projectPart);
        assertThat(sync.err()).matches("synced 2 resources, 2 entitlements and 2 grants of 1 type in \\d+\\.\\d s"
                + " \\(5 calls, 0 requests, 0 retries\\)\n");
    }

    @Test
    void aFailedSyncSaysHowToResumeWithSecretsMaskedAndResumeWithARotatedTokenCompletesIt() throws Exception {
        Path out = work.resolve("s.jsonl");
        Path failing = Files.writeString(work.resolve("f.json"), "{\"token\": \"tok-123456\", \"failOn\": \"grants"
                + " user:2 -\", \"failOnce\": \"" + work.resolve("failed-once") + "\"}");

        CliRun first = run("sync", "fake", "--config", failing.toString(), "--out", out.toString(), "--quiet",
                "--no-store");

        assertThat(first.exitCode()).isEqualTo(4);
        assertThat(first.err()).isEqualTo("plugboard: plugin fake failed listing grants of user:2: token **** may not"
                + " list grants user:2 -\nThe sync so far is kept in " + out + ".partial; once the cause is fixed,"
                + " run the same command with --resume to continue it (a new token is fine; other changed settings start"
                + " the sync afresh).\n");
        assertThat(out).doesNotExist();

        CliRun other = run("sync", "fake", "--config", config.toString(), "--out", out.toString(), "--resume",
                "--no-store");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).startsWith("plugboard: the configuration differs from the one the checkpoint");

        // a rotated token is the same configuration for the checkpoint: secrets are not part of its identity
        Path rotated = Files.writeString(work.resolve("rotated.json"), "{\"token\": \"tok-rotated-789\", \"failOn\":"
                + " \"grants user:2 -\", \"failOnce\": \"" + work.resolve("failed-once") + "\"}");
        CliRun resumed = run("sync", "fake", "--config", rotated.toString(), "--out", out.toString(), "--resume",
                "--quiet", "--no-store");
        assertThat(resumed.exitCode()).isZero();
        assertThat(SyncTesting.withoutRunFigures(Files.readString(out)))
                .isEqualTo(SyncTesting.withoutRunFigures(SyncEngineTest.SMALL_SYNC));
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("s.jsonl")))
                    .containsExactly("s.jsonl");
        }
    }

    @Test
    void aRetryableFailureIsFinalForTheHostBecauseConnectorsOwnRetries() throws Exception {
        Path out = work.resolve("s.jsonl");
        Path failing = Files.writeString(work.resolve("f.json"), "{\"token\": \"tok-123456\", \"failOn\": \"grants"
                + " user:2 -\", \"failKind\": \"UNAVAILABLE\"}");

        CliRun first = run("sync", "fake", "--config", failing.toString(), "--out", out.toString(), "--quiet",
                "--no-store");

        // one call, no host retry: no "(gave up after 5 attempts)" on top of the connector's own retries
        assertThat(first.exitCode()).isEqualTo(5);
        assertThat(first.err()).isEqualTo("plugboard: plugin fake failed listing grants of user:2: token **** may not"
                + " list grants user:2 -\nThe sync so far is kept in " + out + ".partial; once the cause is fixed,"
                + " run the same command with --resume to continue it (a new token is fine; other changed settings start"
                + " the sync afresh).\n");
    }

    @Test
    void syncUsageErrors() {
        CliRun resumeToStdout = run("sync", "fake", "--config", config.toString(), "--resume", "--no-store");
        assertThat(resumeToStdout.exitCode()).isEqualTo(2);
        assertThat(resumeToStdout.err()).isEqualTo(
                "plugboard: --resume needs the store or --out FILE: a sync to stdout cannot be resumed\n");

        CliRun unknownType = run("sync", "fake", "--config", config.toString(), "--types", "group");
        assertThat(unknownType.exitCode()).isEqualTo(2);
        assertThat(unknownType.err()).isEqualTo(
                "plugboard: unknown resource type group; this plugin syncs: org, user, team, project\n");
    }

    @Test
    void accessExportsTheReviewTableFromASyncFile() throws Exception {
        Path sync = work.resolve("s.jsonl");
        assertThat(run("sync", "fake", "--config", config.toString(), "--out", sync.toString(), "-q").exitCode())
                .isZero();
        Path out = work.resolve("access.csv");

        CliRun csv = run("access", "--sync", sync.toString(), "--out", out.toString());
        CliRun jsonl = run("access", "--sync", sync.toString(), "--format", "jsonl");

        assertThat(csv.exitCode()).isZero();
        assertThat(csv.err()).isEqualTo("wrote 7 access rows to " + out + "\n");
        assertThat(Files.readString(out)).startsWith("principalType,principalId,principalName,entitlementId,")
                .contains("\r\nuser,2,Bob,project:3:access,project,3,\"Project 3\",access,"
                        + "\"team:7:member -> project:3:access\",project:3:access:team:7,,\r\n");
        assertThat(jsonl.out().lines()).hasSize(7).last().isEqualTo("{\"principalType\":\"user\",\"principalId\":\"3\","
                + "\"principalName\":\"Cy\",\"entitlementId\":\"team:8:member\",\"entitlementResourceType\":\"team\","
                + "\"entitlementResourceId\":\"8\",\"entitlementResourceName\":\"Team 8\",\"entitlementSlug\":\"member\","
                + "\"path\":\"direct\",\"grantId\":\"team:8:member:user:3\",\"principalLastLogin\":\"\","
                + "\"principalLastActive\":\"\"}");
        CliRun badFormat = run("access", "--sync", sync.toString(), "--format", "xml");
        assertThat(badFormat.exitCode()).isEqualTo(2);
        // picocli converts the format (any case), and names the allowed values when it is none of them
        assertThat(badFormat.err()).isEqualTo("plugboard: Invalid value for option '--format': expected one of"
                + " [CSV, JSONL] (case-insensitive) but was 'xml'\nSee 'plugboard access --help' for its options.\n");
        assertThat(run("access", "--sync", sync.toString(), "--format", "JSONL").out()).isEqualTo(jsonl.out());
        assertThat(run("access", "--help").out()).contains("--format=FORMAT", "Output format: csv, jsonl (default: csv).");
    }

    @Test
    void reportsListsIdsTitlesParametersAndColumns() {
        CliRun reports = run("reports", "fake", "--config", config.toString());

        assertThat(reports.exitCode()).isZero();
        assertThat(reports.out()).isEqualTo("""
                members  Members
                  One row per member.
                  parameters:
                    limit (integer, required): most rows
                    active (boolean)
                    teams (list of string, comma-separated)
                    ratio (number)
                    name (string, one of a|b)
                  columns: id INTEGER, name STRING, active BOOLEAN, joined TIMESTAMP, score NUMBER, tags JSON
                  fetched: full refresh (every run reads the whole report)

                teams  Teams
                  One row per team.
                  parameters: none
                  columns: slug STRING
                  fetched: full refresh (every run reads the whole report)
                """);
    }

    @Test
    void reportsAsJsonGiveEachReportsParameterSchemaAndTypedColumns() throws Exception {
        CliRun reports = run("reports", "fake", "--config", config.toString(), "--json");

        assertThat(reports.exitCode()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = dev.plugboard.host.json.Json.read(reports.out());
        assertThat(json.path("reports").size()).isEqualTo(2);
        com.fasterxml.jackson.databind.JsonNode members = json.path("reports").get(0);
        assertThat(members.path("id").asText()).isEqualTo("members");
        assertThat(members.path("title").asText()).isEqualTo("Members");
        assertThat(members.path("parameters").path("properties").path("limit").path("type").asText())
                .isEqualTo("integer");
        assertThat(members.path("columns").get(0).toString()).startsWith("{\"name\":\"id\",\"type\":\"INTEGER\"");
        assertThat(json.path("reports").get(1).path("id").asText()).isEqualTo("teams");
    }

    @Test
    void reportStreamsRowsAsJsonLinesOrCsvToAFile() throws Exception {
        CliRun jsonl = run("report", "fake", "members", "--config", config.toString(), "--param", "limit=3",
                "--format", "jsonl");
        Path params = Files.writeString(work.resolve("p.yaml"), "limit: 2\nteams: [core]\n");
        Path out = work.resolve("members.csv");
        CliRun csv = run("report", "fake", "members", "--config", config.toString(), "--params", params.toString(),
                "--out", out.toString());

        assertThat(jsonl.exitCode()).isZero();
        assertThat(jsonl.out().lines()).hasSize(4).first().isEqualTo("{\"id\":1,\"name\":\"Ada Lovelace\",\"active\":true,"
                + "\"joined\":\"2024-01-02T03:04:05Z\",\"score\":1.5,\"tags\":{\"teams\":[\"core\"]}}");
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.err()).isEqualTo("wrote 4 rows of report members to " + out + "\n");
        assertThat(Files.readString(out)).startsWith("id,name,active,joined,score,tags\r\n1,\"Ada Lovelace\",true,");
    }

    @Test
    void reportRefusesUnknownReportsAndInvalidParametersBeforeAnyCall() {
        CliRun unknown = run("report", "fake", "memebrs", "--config", config.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("plugboard: plugin 'fake' has no report 'memebrs'; its reports: members,"
                + " teams\n");

        CliRun invalid = run("report", "fake", "members", "--config", config.toString(), "--param", "limit=0",
                "--out", work.resolve("x.csv").toString());
        assertThat(invalid.exitCode()).isEqualTo(3);
        assertThat(invalid.err()).startsWith("plugboard: the parameters of report 'members' are not valid (1 error):\n"
                + "  /limit: ").endsWith("\nSee 'plugboard reports fake' for the parameters each report takes.\n");
        assertThat(work.resolve("x.csv")).doesNotExist();
        assertThat(work.resolve("x.csv.partial")).doesNotExist();

        // input the plugin rejects is invalid input (3), not a remote failure (5)
        CliRun unknownTeam = run("report", "fake", "members", "--config", config.toString(), "--param", "limit=2",
                "--param", "teams=core,nope");
        assertThat(unknownTeam.exitCode()).isEqualTo(3);
        assertThat(unknownTeam.err()).isEqualTo("plugboard: plugin 'fake' failed running report 'members': parameter 'teams':"
                + " there is no team 'nope'\n");
        // the CSV header waits for the first page: a refused report leaves nothing half written on stdout
        assertThat(unknownTeam.out()).isEmpty();

        CliRun malformed = run("report", "fake", "members", "--config", config.toString(), "--param", "limit=lots");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).isEqualTo("plugboard: --param limit=lots: limit must be a whole number (most rows)\n");

        CliRun unsplit = run("report", "fake", "members", "--config", config.toString(), "--param", "limit");
        assertThat(unsplit.exitCode()).isEqualTo(2);
        assertThat(unsplit.err()).isEqualTo("plugboard: --param limit: write it as NAME=VALUE (e.g. --param limit=10)\n");
    }

    @Test
    void csvCellsASpreadsheetWouldRunAsFormulasArePrefixedWithAQuoteUnlessCsvRaw() throws Exception {
        Path hostile = Files.writeString(work.resolve("h.json"), "{\"token\": \"tok-123456\", \"hostileNames\": true}");
        Path sync = work.resolve("s.jsonl");
        assertThat(run("sync", "fake", "--config", hostile.toString(), "--out", sync.toString(), "-q").exitCode())
                .isZero();
        Path access = work.resolve("access.csv");
        Path raw = work.resolve("raw.csv");
        assertThat(run("access", "--sync", sync.toString(), "--out", access.toString()).exitCode()).isZero();
        assertThat(run("access", "--sync", sync.toString(), "--out", raw.toString(), "--csv-raw").exitCode()).isZero();
        List<String> guarded = List.of("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "\"'+SUM(1)\"", "\"'-1+1\"", "\"'@x\"",
                "\"'\tTab\"", "\"'\rCR\"");
        List<String> unguarded = List.of("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", "\"+SUM(1)\"", "\"-1+1\"", "@x",
                "\"\tTab\"", "\"\rCR\"");
        for (int i = 0; i < guarded.size(); i++) {
            String id = String.valueOf(90 + i);
            assertThat(Files.readString(access)).contains("\r\nuser," + id + "," + guarded.get(i)
                    + ",team:8:member,team,8,\"Team 8\",member,direct,team:8:member:user:" + id + ",,\r\n");
            assertThat(Files.readString(raw)).contains("\r\nuser," + id + "," + unguarded.get(i)
                    + ",team:8:member,team,8,\"Team 8\",member,direct,team:8:member:user:" + id + ",,\r\n");
        }

        CliRun report = run("report", "fake", "members", "--config", hostile.toString(), "--param", "limit=20");
        CliRun reportRaw = run("report", "fake", "members", "--config", hostile.toString(), "--param", "limit=20",
                "--csv-raw");
        for (int i = 0; i < guarded.size(); i++) {
            // a negative number stays a number: only text cells can carry a formula
            assertThat(report.out()).contains("\r\n" + (90 + i) + "," + guarded.get(i) + ",true,,-1,\r\n");
            assertThat(reportRaw.out()).contains("\r\n" + (90 + i) + "," + unguarded.get(i) + ",true,,-1,\r\n");
        }
        // JSON Lines is for programs: values exactly as they are
        assertThat(run("report", "fake", "members", "--config", hostile.toString(), "--param", "limit=20",
                "--format", "jsonl").out()).contains("\"name\":\"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"");
    }

    @Test
    void outIsNeverTheConfigNorADirectoryDashIsStdoutAndAFullDeviceIsItsOwnExitCode() throws Exception {
        CliRun onConfig = run("sync", "fake", "--config", config.toString(), "--out", config.toString());
        assertThat(onConfig.exitCode()).isEqualTo(2);
        assertThat(onConfig.err()).isEqualTo("plugboard: --out " + config + " is the file this command reads ("
                + config + "): writing it would replace it; name another file\n");
        assertThat(Files.readString(config)).isEqualTo("{\"token\": \"tok-123456\"}");

        CliRun onDirectory = run("sync", "fake", "--config", config.toString(), "--out", work.toString());
        assertThat(onDirectory.exitCode()).isEqualTo(2);
        assertThat(onDirectory.err()).isEqualTo("plugboard: --out: " + work + " is a directory: name a file to write,"
                + " such as " + work.resolve("out") + "\n");

        CliRun dash = run("sync", "fake", "--config", config.toString(), "--out", "-", "--quiet", "--no-store");
        assertThat(dash.exitCode()).isZero();
        assertThat(SyncTesting.withoutDuration(dash.out())).isEqualTo(SyncEngineTest.SMALL_SYNC);
        assertThat(work.resolve("-")).doesNotExist();

        Path sync = work.resolve("s.jsonl");
        assertThat(run("sync", "fake", "--config", config.toString(), "--out", sync.toString(), "-q").exitCode()).isZero();
        CliRun accessOnInput = run("access", "--sync", sync.toString(), "--out", sync.toString());
        assertThat(accessOnInput.exitCode()).isEqualTo(2);
        assertThat(accessOnInput.err()).startsWith("plugboard: --out " + sync + " is the file this command reads");

        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
        CliRun full = run("sync", "fake", "--config", config.toString(), "--out", "/dev/full", "-q", "--no-store");
        assertThat(full.exitCode()).isEqualTo(6);
        assertThat(full.err()).isEqualTo("plugboard: cannot write the sync to /dev/full: No space left on device\n");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
        CliRun report = run("report", "fake", "members", "--config", config.toString(), "--param", "limit=3",
                "--out", "/dev/full");
        assertThat(report.exitCode()).isEqualTo(6);
        assertThat(report.err()).isEqualTo("plugboard: cannot write /dev/full: No space left on device\n");
    }
}
