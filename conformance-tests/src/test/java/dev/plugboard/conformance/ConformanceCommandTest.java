package dev.plugboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard conformance} run in-process through the host's real command line. */
class ConformanceCommandTest {
    @TempDir
    Path work;

    record Run(int exitCode, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
            return new Run(code, out.toString(), err.toString());
        }
    }

    @AfterEach
    void stopLeakedThreads() {
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("broken-leak"))
                .forEach(Thread::interrupt);
    }

    private Path plugins() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path build = Files.createDirectories(work.resolve("build"));
        Files.move(ConformanceSuiteTest.tidyJar(build), plugins.resolve("tidy.jar"));
        Files.move(PluginJars.build(build, "broken.jar", "fx.broken.BrokenProvider",
                ConformanceSuiteTest.source("BrokenProvider"), false), plugins.resolve("broken.jar"));
        return plugins;
    }

    @Test
    void aConformingPluginPrintsEveryCheckAsPassedAndExitsZero() throws IOException {
        Path plugins = plugins();
        Path state = ConformanceSuiteTest.grantsFile(work);
        Files.writeString(work.resolve("token.txt"), ConformanceSuiteTest.GOOD_TOKEN + "\n");
        Path config = Files.writeString(work.resolve("tidy.json"),
                "{\"token\": \"${file:token.txt}\", \"state\": \"" + state + "\"}");
        Path badCredential = Files.writeString(work.resolve("bad-credential.yaml"),
                "token: wrong-token-000\nstate: " + state + "\n");
        Path badConfig = Files.writeString(work.resolve("bad.json"), "{\"token\": \"x\"}");
        Path params = Files.writeString(work.resolve("members.json"), "{\"team\": \"t1\"}");

        Run run = Run.of("--plugins", plugins.toString(), "conformance", "tidy", "--config", config.toString(),
                "--bad-config", badConfig.toString(), "--bad-credential", badCredential.toString(),
                "--report-params", "members=" + params, "--provision", "team:t2:member=user:u5");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("Conformance of plugin 'tidy' (tidy.jar): 27 passed, 0 failed, 0 skipped\n\n"
                + "  PASS  descriptor: id, version and SPI version are well formed\n");
        for (String check : ConformanceSuiteTest.CHECKS) {
            assertThat(run.out()).contains("  PASS  " + check + "\n");
        }
        assertThat(run.out()).endsWith("\nconforms\n").doesNotContain(ConformanceSuiteTest.GOOD_TOKEN);
        assertThat(Files.readString(state)).isEqualTo(ConformanceSuiteTest.INITIAL_GRANTS);
    }

    @Test
    void aBrokenPluginPrintsItsFailuresWithoutSecretsAndExitsOne() throws IOException {
        Path plugins = plugins();
        Path config = Files.writeString(work.resolve("broken.json"),
                "{\"url\": \"http://127.0.0.1:9\", \"apiToken\": \"s3cr3t-token-42\"}");

        Run run = Run.of("--plugins", plugins.toString(), "conformance", "broken", "--config", config.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).startsWith("Conformance of plugin 'broken' (broken.jar): 8 passed, 14 failed, 5 skipped\n")
                .contains("  FAIL  descriptor: declared capabilities are exactly those the connector offers\n"
                        + "        the descriptor's capabilities [RESOURCE_SYNC, REPORTS] do not match what the"
                        + " connector exposes (1 problem):\n"
                        + "          - the descriptor declares REPORTS but connector.reports() is empty: return the"
                        + " capability from reports() or remove REPORTS from the descriptor\n")
                .contains("  SKIP  provisioning: a grant and its revoke show in a sync\n"
                        + "        Assumption failed: the plugin does not declare PROVISIONING\n")
                .endsWith("\ndoes not conform: fix the FAIL lines above\n");
        // apiToken is not marked secret, so the suite cannot know it is one: the check says to mark it
        assertThat(run.out()).contains("/apiToken looks like a secret by its name but is not marked");
    }

    @Test
    void anUnknownPluginIsAUsageErrorAndAMissingConfigAConfigError() throws IOException {
        Path plugins = plugins();
        Run unknown = Run.of("--plugins", plugins.toString(), "conformance", "nope", "--config", "x.json");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("plugboard: no plugin 'nope' in " + plugins + "; installed: broken, tidy");

        Run missing = Run.of("--plugins", plugins.toString(), "conformance", "tidy", "--config",
                work.resolve("missing.json").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("plugboard: config file " + work.resolve("missing.json")
                + " does not exist\n");
    }

    @Test
    void wrongInputsAreNamedAsTheOptionsGivenAndExitTwoNotAsAPluginThatDoesNotConform() throws IOException {
        Path plugins = plugins();
        Path state = ConformanceSuiteTest.grantsFile(work);
        Path config = Files.writeString(work.resolve("tidy.json"), "{\"token\": \"" + ConformanceSuiteTest.GOOD_TOKEN
                + "\", \"state\": \"" + state + "\"}");
        Path params = Files.writeString(work.resolve("members.json"), "{\"team\": \"t1\"}");
        String provisioning = "provisioning: a grant and its revoke show in a sync";

        Run held = Run.of("--plugins", plugins.toString(), "conformance", "tidy", "--config", config.toString(),
                "--report-params", "members=" + params, "--provision", "team:t1:member=user:u1");
        Run ghost = Run.of("--plugins", plugins.toString(), "conformance", "tidy", "--config", config.toString(),
                "--report-params", "members=" + params, "--report-params", "member=" + params,
                "--provision", "team:t2:member=user:ghost");

        assertThat(held.exitCode()).as(held.out()).isEqualTo(2);
        assertThat(held.out()).startsWith("Conformance of plugin 'tidy' (tidy.jar): 24 passed, 0 failed, 2 skipped,"
                        + " 1 not judged (wrong input)\n")
                .contains("  SKIP  validation: the fixture's bad configs are rejected\n"
                        + "        Assumption failed: no --bad-config FILE given\n")
                .contains("  INPUT " + provisioning + "\n"
                        + "        --provision team:t1:member=user:u1: user:u1 already holds team:t1:member in a sync"
                        + " of --config: name a principal that does not hold it yet (the check grants it, then"
                        + " revokes it)\n")
                .endsWith("\nwrong input: fix the options named on the INPUT lines above (those checks could not"
                        + " judge the plugin)\n")
                .doesNotContain("ConformanceFixture", "does not conform");
        assertThat(ghost.exitCode()).as(ghost.out()).isEqualTo(2);
        assertThat(ghost.out()).contains("  INPUT reports: rows have exactly the declared columns and types\n"
                        + "        --report-params member=FILE: the plugin has no report 'member'; its reports:"
                        + " members\n")
                .contains("  INPUT " + provisioning + "\n        --provision team:t2:member=user:ghost: no principal"
                        + " user:ghost in a sync of --config: name one exactly as 'plugboard sync' lists it (TYPE:ID)\n")
                .doesNotContain("ConformanceFixture");
        assertThat(Files.readString(state)).isEqualTo(ConformanceSuiteTest.INITIAL_GRANTS);
    }

    @Test
    void theCommandIsListedInHelp() {
        Run help = Run.of("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("  conformance ");
    }
}
