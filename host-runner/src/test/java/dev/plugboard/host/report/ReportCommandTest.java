package dev.plugboard.host.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.CliRun;
import dev.plugboard.host.plugin.FixtureJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugboard report} with a plugin built for SPI 1.0: it loads and runs, resumes, shows progress. */
class ReportCommandTest {
    private static final String ALL_ROWS = "n,at\r\n1,2026-11-23T10:00:00Z\r\n2,2026-11-23T10:01:00Z\r\n"
            + "3,2026-11-23T10:02:00Z\r\n4,2026-11-23T10:03:00Z\r\n5,2026-11-23T10:04:00Z\r\n";
    @TempDir
    Path work;
    Path plugins;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = new FixtureJars(Files.createDirectories(work.resolve("build"))).jar("spi10.jar")
                .source(Spi10Fixture.CLASS, Spi10Fixture.source()).service(Spi10Fixture.CLASS).build();
        Files.move(jar, plugins.resolve("spi10.jar"));
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private Path config(String json) throws Exception {
        return Files.writeString(work.resolve("c" + json.hashCode() + ".json"), json);
    }

    @Test
    void aPluginBuiltForSpi10LoadsAndItsReportRunsInFull() throws Exception {
        Path out = work.resolve("rows.csv");
        CliRun plugins = run("plugins");
        CliRun report = run("report", "spi10", "rows", "--config", config("{}").toString(), "--out", out.toString());

        assertThat(plugins.out()).contains("spi10  1.0.0    1.0  reports");
        assertThat(report.exitCode()).isZero();
        assertThat(report.err()).isEqualTo("wrote 5 rows of report rows to " + out + "\n");
        assertThat(out).hasContent(ALL_ROWS);
    }

    @Test
    void aFailedRunSaysWhatIsKeptAndResumeReadsOnlyTheRemainingPages() throws Exception {
        Path out = work.resolve("rows.csv");
        Path log = work.resolve("calls.log");
        Path config = config("{\"failOnce\": \"" + work.resolve("failed") + "\", \"log\": \"" + log + "\"}");

        CliRun failed = run("report", "spi10", "rows", "--config", config.toString(), "--out", out.toString());

        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.err()).isEqualTo("plugboard: plugin 'spi10' failed running report 'rows': page 2 is not for"
                + " you\nThe report so far (2 rows, 1 page) is kept in " + out + ".partial; run the same command with"
                + " --resume to continue it once the cause is fixed (a new token is fine; other changed settings must"
                + " start afresh: run without --resume).\n");
        assertThat(out).doesNotExist();
        assertThat(Files.readAllLines(log)).containsExactly("rows -", "rows 2");

        CliRun resumed = run("report", "spi10", "rows", "--config", config.toString(), "--out", out.toString(),
                "--resume");

        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.err()).isEqualTo("wrote 5 rows of report rows to " + out + " (resumed; 3 pages in all)\n");
        assertThat(out).hasContent(ALL_ROWS);
        assertThat(Files.readAllLines(log)).containsExactly("rows -", "rows 2", "rows 2", "rows 4");
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rows.csv")))
                    .containsExactly("rows.csv");
        }
        CliRun again = run("report", "spi10", "rows", "--config", config.toString(), "--out", out.toString(),
                "--resume");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).startsWith("plugboard: there is no checkpoint " + out + ".checkpoint.json to resume"
                + " from");
        CliRun toStdout = run("report", "spi10", "rows", "--config", config.toString(), "--resume");
        assertThat(toStdout.exitCode()).isEqualTo(2);
        assertThat(toStdout.err()).isEqualTo("plugboard: --resume needs --out FILE: only a report written to a file"
                + " can be resumed\n");
    }

    @Test
    void aLongReportShowsProgressOnStderrUnlessQuiet() throws Exception {
        Path config = config("{\"delayMillis\": 300}");

        CliRun shown = run("report", "spi10", "rows", "--config", config.toString(), "--progress-every", "PT0.2S");
        CliRun quiet = run("report", "spi10", "rows", "--config", config.toString(), "--progress-every", "PT0.2S",
                "--quiet");

        assertThat(shown.exitCode()).isZero();
        assertThat(shown.out()).isEqualTo(ALL_ROWS);
        assertThat(shown.err().lines()).isNotEmpty().allMatch(l -> l.matches("report rows: \\d rows, \\d pages?, 0"
                + " requests, 0 retries(; reading page \\d)?"));
        assertThat(shown.err()).contains("; reading page ");
        assertThat(quiet.out()).isEqualTo(ALL_ROWS);
        assertThat(quiet.err()).isEmpty();
    }
}
