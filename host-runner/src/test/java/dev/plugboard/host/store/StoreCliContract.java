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
}
