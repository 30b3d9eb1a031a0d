package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.CliRun;
import dev.plugboard.host.plugin.FixtureJars;
import dev.plugboard.host.sync.FakeResourceSync;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's commands through the CLI, against a plugin loaded from a jar whose organization a test changes between
 * syncs. Each engine's class extends this with its own {@code --store}.
 */
abstract class StoreCliContract {
    static final String TOKEN = "tok-secret-4242";

    @TempDir
    Path work;
    Path plugins;
    Path orgFile;
    Path config;
    String store;

    /** @return a new, empty store: a file path or a PostgreSQL URL */
    abstract String newStore() throws Exception;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = new FixtureJars(Files.createDirectories(work.resolve("build"))).jar("orgfile.jar")
                .classes(OrgFileProvider.class, OrgSource.class, FakeResourceSync.class)
                .service(OrgFileProvider.class.getName()).build();
        Files.move(jar, plugins.resolve("orgfile.jar"));
        orgFile = Files.writeString(work.resolve("org.txt"), Org.BASE);
        config = Files.writeString(work.resolve("c.json"), "{\"orgFile\": \"" + orgFile + "\", \"token\": \"" + TOKEN
                + "\"}");
        store = newStore();
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--store", store));
        return CliRun.of(all.toArray(String[]::new));
    }

    CliRun sync(String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "orgfile", "--config", config.toString(), "--connection",
                "acme", "--quiet"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    StoreLocation location() {
        return StoreLocation.parse(store, n -> Optional.empty());
    }

    /** @return every text the store holds, table by table, for "no secret anywhere" checks */
    String everyStoredText() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = StoreOpener.connect(location()); Statement st = c.createStatement()) {
            for (String table : List.of("store_info", "connections", "syncs", "record_versions")) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= n; i++) {
                            all.append(rs.getString(i)).append('\t');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    @Test
    void syncWritesIntoTheStoreAndSyncsListsTheHistory() throws Exception {
        CliRun first = sync();
        CliRun second = run("sync", "orgfile", "--config", config.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).isEmpty();
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).matches("synced 7 resources, 6 entitlements and 5 grants of 3 types in \\d+\\.\\d s"
                + " \\(\\d+ calls, 0 requests, 0 retries\\); stored as sync 2 of connection 'acme' in \\Q"
                + location().describe() + "\\E\n");
        CliRun syncs = run("syncs");
        assertThat(syncs.exitCode()).isZero();
        List<String> lines = syncs.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("CONNECTION  SYNC  STATUS     STARTED");
        assertThat(lines.get(1)).matches("acme        1     completed  \\S+Z +\\S+Z +7 +6 +5 +0 +0 +\\d+\\.\\d s");
        CliRun json = run("syncs", "--json", "--connection", "acme");
        assertThat(json.out()).contains("\"connection\" : \"acme\"", "\"status\" : \"completed\"",
                "\"pluginVersion\" : \"0.0.2\"", "\"spiVersion\" : \"1.0\"", "\"grant\" : 5");
        assertThat(everyStoredText()).doesNotContain(TOKEN);
    }

    @Test
    void syncWithOutWritesTheSameRecordsToTheFileAndNoStoreSkipsTheStore() throws Exception {
        Path both = work.resolve("both.jsonl");
        Path fileOnly = work.resolve("file.jsonl");

        assertThat(sync("--out", both.toString()).exitCode()).isZero();
        assertThat(run("sync", "orgfile", "--config", config.toString(), "--no-store", "--out", fileOnly.toString(),
                "-q").exitCode()).isZero();

        assertThat(withoutRun(Files.readString(both))).isEqualTo(withoutRun(Files.readString(fileOnly)));
        assertThat(run("syncs").out().lines()).hasSize(2);
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("jsonl")))
                    .containsExactlyInAnyOrder("both.jsonl", "file.jsonl");
        }
    }

    static String withoutRun(String jsonl) {
        return jsonl.replaceAll("\"run\":\\{[^}]*}", "");
    }

    @Test
    void aFailedSyncIsKeptInTheStoreWithoutItsSecretAndResumeCompletesTheSameSync() throws Exception {
        Path marker = work.resolve("failing");
        Path failing = Files.writeString(work.resolve("f.json"), "{\"orgFile\": \"" + orgFile + "\", \"token\": \""
                + TOKEN + "\", \"failOn\": \"grants team:8 -\", \"failWhile\": \"" + marker + "\"}");
        assertThat(run("sync", "orgfile", "--config", failing.toString(), "-q").exitCode()).isZero();
        Files.writeString(orgFile, Org.BASE + "user 4 Dee member\n");
        Files.createFile(marker);

        CliRun failed = run("sync", "orgfile", "--config", failing.toString(), "-q");

        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.err()).isEqualTo("plugboard: plugin orgfile failed listing grants of team:8: token **** was"
                + " refused listing grants team:8 -\nThe sync so far is kept in the store as sync 2 of connection"
                + " 'orgfile'; once the cause is fixed, run the same command with --resume to continue it (a new token"
                + " is fine; other changed settings start the sync afresh).\n");
        assertThat(run("syncs").out()).contains("orgfile     2     failed").contains("token **** was refused");
        assertThat(everyStoredText()).doesNotContain(TOKEN);

        Files.delete(marker);
        CliRun resumed = run("sync", "orgfile", "--config", failing.toString(), "--resume");

        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.err()).contains("stored as sync 2 of connection 'orgfile'");
        List<String> lines = run("syncs").out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).matches("orgfile +2 +completed +\\S+Z +\\S+Z +8 +6 +5 .*");
        CliRun again = run("sync", "orgfile", "--config", failing.toString(), "--resume");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("plugboard: there is nothing to resume: the last sync of connection"
                + " 'orgfile' (sync 2) completed; run without --resume\n");
    }

    static final String CHURNED = Org.BASE.replace("user 2 Bob member", "user 2 Bob admin").replace("member 7 2\n", "")
            + "user 4 Dee member\nmember 8 4\naccess 30 8\n";

    /** @return the lines with times as (T) and runs of spaces as one: the table's content, not its widths */
    static List<String> columns(String text) {
        return withoutTimes(text).lines().map(l -> l.replaceAll(" +", " ").strip()).toList();
    }

    static String withoutTimes(String text) {
        return text.replaceAll("\\(\\d{4}-\\d\\d-\\d\\dT[^)]*\\)", "(T)");
    }

    @Test
    void diffNamesEachChangeWithItsPathAndCause() throws Exception {
        assertThat(sync().exitCode()).isZero();
        Files.writeString(orgFile, CHURNED);
        assertThat(sync().exitCode()).isZero();

        CliRun diff = run("diff", "--connection", "acme", "--exit-code");

        assertThat(diff.exitCode()).isEqualTo(1);
        assertThat(diff.err()).isEmpty();
        assertThat(withoutTimes(diff.out())).isEqualTo("""
                connection acme: sync 1 (T) -> sync 2 (T)
                resources: 1 added, 0 removed, 1 changed
                  ~ user:2 (Bob): profile.role: member -> admin
                  + user:4 (Dee)
                grants: 2 added, 1 removed, 0 changed
                  + project:30:access:team:8: project:30:access to team:8
                  - team:7:member:user:2: team:7:member to user:2
                  + team:8:member:user:4: team:8:member to user:4
                effective access: 4 gained, 2 lost (3 principals)
                  team:8 (Frontend) gained project:30:access directly: team:8 was granted project:30:access
                  user:2 (Bob) lost project:30:access through team:7:member -> project:30:access: user:2 lost team:7:member
                  user:2 (Bob) lost team:7:member directly: user:2 lost team:7:member
                  user:4 (Dee) gained project:30:access through team:8:member -> project:30:access: grant \
                project:30:access:team:8 was added (holders of team:8:member get project:30:access); user:4 was granted \
                team:8:member
                  user:4 (Dee) gained project:40:access through team:8:member -> project:40:access: user:4 was granted \
                team:8:member
                  user:4 (Dee) gained team:8:member directly: user:4 was granted team:8:member
                """);

        Path csv = work.resolve("diff.csv");
        CliRun toCsv = run("diff", "--from", "1", "--to", "2", "--format", "csv", "--out", csv.toString());
        assertThat(toCsv.exitCode()).isZero();
        assertThat(toCsv.err()).isEqualTo("wrote 11 changes to " + csv + "\n");
        assertThat(Files.readString(csv).split("\r\n")).hasSize(12).startsWith(
                "change,kind,id,name,entitlement,principal,path,detail",
                "changed,resource,user:2,Bob,,,,\"profile.role: member -> admin\"")
                .contains("lost,access,user:2,Bob,project:30:access,user:2,\"team:7:member -> project:30:access\","
                        + "\"user:2 lost team:7:member\"");
        CliRun jsonl = run("diff", "--format", "jsonl");
        assertThat(jsonl.out().lines()).hasSize(11).first().isEqualTo("{\"change\":\"changed\",\"kind\":\"resource\","
                + "\"id\":\"user:2\",\"name\":\"Bob\",\"entitlement\":\"\",\"principal\":\"\",\"path\":\"\","
                + "\"detail\":\"profile.role: member -> admin\"}");

        assertThat(sync().exitCode()).isZero();
        CliRun unchanged = run("diff", "--exit-code");
        assertThat(unchanged.exitCode()).isZero();
        assertThat(withoutTimes(unchanged.out())).isEqualTo("connection acme: sync 2 (T) -> sync 3 (T)\nno changes\n");
    }

    @Test
    void aGrantHeldViaOtherEntitlementsShowsThemAsItsPathInAccessAndDiff() throws Exception {
        assertThat(sync().exitCode()).isZero();
        // Bob becomes team 7's admin through an org role and his membership (Sentry's managers)
        Files.writeString(orgFile, Org.BASE + "held 7 2 role:manager:assigned,team:7:member\n");
        assertThat(sync().exitCode()).isZero();

        CliRun access = run("access", "--connection", "acme");
        assertThat(access.exitCode()).isZero();
        assertThat(access.out()).contains("user,2,Bob,team:7:admin,team,7,Backend,admin,\"role:manager:assigned +"
                + " team:7:member -> team:7:admin\",team:7:admin:user:2:via,,\r\n");
        CliRun jsonl = run("access", "--connection", "acme", "--format", "jsonl");
        assertThat(jsonl.out().lines().filter(l -> l.contains("team:7:admin"))).containsExactly("{\"principalType\":"
                + "\"user\",\"principalId\":\"2\",\"principalName\":\"Bob\",\"entitlementId\":\"team:7:admin\","
                + "\"entitlementResourceType\":\"team\",\"entitlementResourceId\":\"7\",\"entitlementResourceName\":"
                + "\"Backend\",\"entitlementSlug\":\"admin\",\"path\":\"role:manager:assigned + team:7:member ->"
                + " team:7:admin\",\"grantId\":\"team:7:admin:user:2:via\",\"principalLastLogin\":\"\","
                + "\"principalLastActive\":\"\"}");

        CliRun diff = run("diff", "--connection", "acme");
        assertThat(withoutTimes(diff.out())).isEqualTo("""
                connection acme: sync 1 (T) -> sync 2 (T)
                grants: 1 added, 0 removed, 0 changed
                  + team:7:admin:user:2:via: team:7:admin to user:2
                effective access: 1 gained, 0 lost (1 principal)
                  user:2 (Bob) gained team:7:admin through role:manager:assigned + team:7:member -> team:7:admin: \
                user:2 was granted team:7:admin
                """);
    }

    @Test
    void diffUsageErrorsSayWhatToDo() throws Exception {
        CliRun empty = run("diff");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).isEqualTo("plugboard: the store " + location().describe() + " has no connection yet:"
                + " run plugboard sync first\n");
        assertThat(sync().exitCode()).isZero();
        CliRun one = run("diff");
        assertThat(one.exitCode()).isEqualTo(2);
        assertThat(withoutTimes(one.err())).isEqualTo("plugboard: connection 'acme' has only one completed sync (sync 1"
                + " (T)): nothing to compare it with yet; sync again later\n");
        CliRun badDate = run("diff", "--from", "last-week");
        assertThat(badDate.err()).isEqualTo("plugboard: --from last-week: expected a sync id (12), a date (2026-12-01,"
                + " meaning the end of that day, UTC) or a time (2026-12-01T10:00:00Z)\n");
        CliRun noSuch = run("diff", "--from", "7", "--to", "1");
        assertThat(noSuch.err()).isEqualTo("plugboard: connection 'acme' has no sync 7; plugboard syncs --connection"
                + " acme lists them\n");
        CliRun tooEarly = run("diff", "--from", "2020-01-01");
        assertThat(withoutTimes(tooEarly.err())).isEqualTo("plugboard: connection 'acme' has no sync completed by"
                + " 2020-01-01T23:59:59.999Z; its first completed sync is sync 1 (T)\n");
    }

    @Test
    void accessFromTheStoreAtASyncOrDateAndTheTimelineOfAPrincipal() throws Exception {
        assertThat(sync().exitCode()).isZero();
        Files.writeString(orgFile, CHURNED);
        assertThat(sync().exitCode()).isZero();
        String bobOnProject = "user,2,Bob,project:30:access,project,30,Api,access,\"team:7:member -> project:30:access\","
                + "project:30:access:team:7,,"; // issue 13's two activity columns, empty: the test org has none

        CliRun atFirst = run("access", "--connection", "acme", "--sync", "1");
        CliRun now = run("access", "--connection", "acme");
        CliRun atDate = run("access", "--at", java.time.Instant.now().toString());

        assertThat(atFirst.exitCode()).isZero();
        assertThat(atFirst.out().split("\r\n")).contains(bobOnProject);
        assertThat(now.out().split("\r\n")).doesNotContain(bobOnProject)
                .contains("user,4,Dee,project:30:access,project,30,Api,access,\"team:8:member -> project:30:access\","
                        + "project:30:access:team:8,,");
        assertThat(atDate.out()).isEqualTo(now.out());

        CliRun timeline = run("timeline", "--connection", "acme", "--principal", "user:2");
        assertThat(timeline.exitCode()).isZero();
        assertThat(columns(timeline.out())).containsExactly(
                "timeline of user:2 in connection acme",
                "",
                "grants:",
                "PRINCIPAL ENTITLEMENT GRANT SINCE UNTIL",
                "user:2 team:7:member team:7:member:user:2 sync 1 (T) sync 1 (T)",
                "",
                "effective access:",
                "PRINCIPAL ENTITLEMENT PATH SINCE UNTIL",
                "user:2 project:30:access team:7:member -> project:30:access sync 1 (T) sync 1 (T)",
                "user:2 team:7:member direct sync 1 (T) sync 1 (T)");
        CliRun project = run("timeline", "--entitlement", "project:30:access");
        assertThat(columns(project.out())).containsExactly(
                "timeline of project:30:access in connection acme",
                "",
                "grants:",
                "PRINCIPAL ENTITLEMENT GRANT SINCE UNTIL",
                "team:7 project:30:access project:30:access:team:7 sync 1 (T) now (sync 2 (T))",
                "team:8 project:30:access project:30:access:team:8 sync 2 (T) now (sync 2 (T))",
                "",
                "effective access:",
                "PRINCIPAL ENTITLEMENT PATH SINCE UNTIL",
                "team:7 project:30:access direct sync 1 (T) now (sync 2 (T))",
                "user:1 project:30:access team:7:member -> project:30:access sync 1 (T) now (sync 2 (T))",
                "user:2 project:30:access team:7:member -> project:30:access sync 1 (T) sync 1 (T)",
                "team:8 project:30:access direct sync 2 (T) now (sync 2 (T))",
                "user:4 project:30:access team:8:member -> project:30:access sync 2 (T) now (sync 2 (T))");
    }

    @Test
    void pruneKeepsTheLastSyncsAndTheirAccess() throws Exception {
        assertThat(sync().exitCode()).isZero();
        Files.writeString(orgFile, CHURNED);
        assertThat(sync().exitCode()).isZero();
        String before = run("access", "--connection", "acme").out();

        CliRun prune = run("store", "prune", "--keep", "1");

        assertThat(prune.exitCode()).isZero();
        assertThat(prune.out()).isEqualTo("pruned 1 sync and 2 record versions from " + location().describe() + "\n");
        assertThat(run("syncs").out().lines()).hasSize(2);
        assertThat(run("access", "--connection", "acme").out()).isEqualTo(before);
        CliRun bad = run("store", "prune", "--keep", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
