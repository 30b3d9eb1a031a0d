package dev.plugboard.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.plugin.FixtureJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoundationCommandsTest {
    @TempDir
    Path work;
    Path plugins;

    @BeforeEach
    void installFixtures() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        FixtureJars fixtures = new FixtureJars(Files.createDirectories(work.resolve("build")));
        Path good = fixtures.jar("fixture.jar").source("fx.Good", FixtureJars.provider("fx.Good", "fixture", "1.0", ""))
                .service("fx.Good").build();
        Files.move(good, plugins.resolve("fixture.jar"));
        Files.move(fixtures.corrupt("broken.jar"), plugins.resolve("broken.jar"));
    }

    private Path config(String name, String text) throws Exception {
        return Files.writeString(work.resolve(name), text);
    }

    @Test
    void pluginsListsLoadedPluginsAndFailuresWithReasons() {
        CliRun run = CliRun.of("--plugins", plugins.toString(), "plugins");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID       VERSION  SPI  CAPABILITIES  JAR
                fixture  1.2.3    1.0                fixture.jar

                Failed to load:
                  broken.jar: not a readable jar (ZipException: zip END header not found)
                """);
        // the global option is accepted after the subcommand too
        assertThat(CliRun.of("plugins", "--plugins", plugins.toString()).out()).isEqualTo(run.out());
    }

    @Test
    void specPrintsTheSchemaAndAnUnknownPluginIsAUsageError() {
        CliRun spec = CliRun.of("--plugins", plugins.toString(), "spec", "fixture");
        assertThat(spec.exitCode()).isZero();
        assertThat(spec.out()).startsWith("{\n  \"$schema\" : \"https://json-schema.org/draft/2020-12/schema\",")
                .contains("\"writeOnly\" : true");
        CliRun unknown = CliRun.of("--plugins", plugins.toString(), "spec", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("plugboard: no plugin 'nope' in " + plugins + "; installed: fixture\n"
                + "These jars failed to load:\n"
                + "  broken.jar: not a readable jar (ZipException: zip END header not found)\n"
                + "Set the folder with --plugins DIR or PLUGBOARD_PLUGINS.\n");
    }

    @Test
    void validateReportsEverySchemaErrorWithItsPointerAndExits3() throws Exception {
        Path config = config("bad.yaml", "token: short\nurl: 12\ncolour: red\nretries: -1\n");
        CliRun run = CliRun.of("--plugins", plugins.toString(), "validate", "fixture", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEqualTo("config " + config + " for plugin 'fixture': 4 schema errors\n"
                + "  /colour: is not a known property (check its spelling)\n"
                + "  /retries: must be at least 0\n"
                + "  /token: must be at least 8 characters long\n"
                + "  /url: must be of type string, but is integer\n"
                + "Fix these, then run validate again ('plugboard spec fixture' shows every setting).\n");
        assertThat(run.out()).doesNotContain("short");
    }

    @Test
    void validateRunsCheckAndMasksSecretsInFindings() throws Exception {
        Path ok = config("ok.yaml", "token: good-token-123\nurl: http://127.0.0.1:1\n");
        CliRun valid = CliRun.of("--plugins", plugins.toString(), "validate", "fixture", "--config", ok.toString());
        assertThat(valid.exitCode()).isZero();
        assertThat(valid.out()).isEqualTo("config " + ok + " for plugin 'fixture': matches the schema\n"
                + "check(): 2 findings, 0 errors\n"
                + "  info    tccl: plugin loader\n"
                + "  info    isolation: host classes are hidden\n"
                + "valid\n");

        Path bad = config("bad-token.json", "{\"token\": \"bad-token-456\", \"url\": \"http://127.0.0.1:1\"}");
        CliRun invalid = CliRun.of("--plugins", plugins.toString(), "validate", "fixture", "--config", bad.toString(), "--json");
        assertThat(invalid.exitCode()).isEqualTo(3);
        assertThat(invalid.out()).doesNotContain("bad-token-456").contains("\"message\" : \"the token **** was refused\"")
                .contains("\"valid\" : false").contains("\"errorCount\" : 1");

        CliRun offline = CliRun.of("--plugins", plugins.toString(), "validate", "fixture", "--config", bad.toString(), "--offline");
        assertThat(offline.exitCode()).isZero();
        assertThat(offline.out()).endsWith("check() skipped (--offline)\nvalid\n");
    }

    @Test
    void aPluginsFolderNamedLikeACommandIsAccepted() {
        // 'plugins' is taken as the folder (which does not exist here), not as the command
        CliRun run = CliRun.of("--plugins", "plugins", "plugins");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("plugboard: the plugins folder plugins does not exist (from --plugins): point"
                + " --plugins DIR or PLUGBOARD_PLUGINS at the folder of plugin jars\n");
    }

    @Test
    void aPluginsFolderThatIsAFileIsAUsageError() throws Exception {
        Path file = config("not-a-folder.yaml", "x: 1\n");
        CliRun run = CliRun.of("plugins", "--plugins", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("plugboard: the plugins folder " + file + " is not a folder (from --plugins):"
                + " point --plugins DIR or PLUGBOARD_PLUGINS at the folder of plugin jars\n");
    }

    @Test
    void aConcurrencyBelowOneIsAUsageError() throws Exception {
        Path ok = config("ok.yaml", "token: good-token-123\nurl: http://127.0.0.1:1\n");
        CliRun run = CliRun.of("--plugins", plugins.toString(), "validate", "fixture", "--config", ok.toString(),
                "--concurrency", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("plugboard: --concurrency must be at least 1, got 0\n");
    }

    @Test
    void unresolvableReferencesAndMissingOptionsHaveTheirOwnExitCodes() throws Exception {
        Path config = config("env.yaml", "token: ${env:PLUGBOARD_TEST_SURELY_UNSET}\nurl: http://127.0.0.1\n");
        CliRun unresolved = CliRun.of("--plugins", plugins.toString(), "validate", "fixture", "--config", config.toString());
        assertThat(unresolved.exitCode()).isEqualTo(3);
        assertThat(unresolved.err()).isEqualTo("plugboard: " + config + ": /token refers to ${env:PLUGBOARD_TEST_SURELY_UNSET},"
                + " but the environment variable PLUGBOARD_TEST_SURELY_UNSET is not set\n");
        CliRun missing = CliRun.of("--plugins", plugins.toString(), "validate", "fixture");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("plugboard: no --config given: plugin 'fixture' takes its configuration"
                + " from a file only; give it with --config FILE (or - for standard input)\n");
    }
}
