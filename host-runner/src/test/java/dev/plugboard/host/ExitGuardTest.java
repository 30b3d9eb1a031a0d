package dev.plugboard.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.plugin.FixtureJars;
import dev.plugboard.host.report.FakeReports;
import dev.plugboard.host.sync.FakePluginProvider;
import dev.plugboard.host.sync.FakeResourceSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code plugboard} executable in a child JVM: how it ends when a plugin exits or a signal arrives. */
class ExitGuardTest {
    @TempDir
    Path work;
    Path plugins;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = new FixtureJars(Files.createDirectories(work.resolve("build"))).jar("fake.jar")
                .classes(FakePluginProvider.class, FakeResourceSync.class, FakeReports.class)
                .service(FakePluginProvider.class.getName()).build();
        Files.move(jar, plugins.resolve("fake.jar"));
    }

    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--plugins", plugins.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void aPluginCallingSystemExitZeroDuringASyncEndsItWithStatus1AndSaysSo() throws Exception {
        Path config = Files.writeString(work.resolve("c.json"), "{\"token\": \"tok-123456\", \"exitIn\": \"grants\"}");
        Path log = work.resolve("child.log");
        Process child = start(log, "sync", "fake", "--config", config.toString(), "--out",
                work.resolve("s.jsonl").toString(), "--quiet");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isEqualTo(1);
        // the sync's own shutdown work may say first that it was cancelled; this line is always there
        assertThat(printed).contains("plugboard: the command ended without its result: something in the process (a"
                + " plugin?) called System.exit before the command finished; exit status 1, whatever status it asked"
                + " for\n");
        assertThat(work.resolve("s.jsonl")).doesNotExist();
    }

    @Test
    void anErrorOnAPluginsThreadEndsTheCommandAtOnceWithAMessage() throws Exception {
        Path config = Files.writeString(work.resolve("c.json"), "{\"token\": \"tok-123456\", \"errorIn\": \"grants\"}");
        Path log = work.resolve("child.log");
        Process child = start(log, "sync", "fake", "--config", config.toString(), "--quiet");
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("ended well before the 600 s call deadline").isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isEqualTo(1);
        assertThat(printed).endsWith("plugboard: the command ended without its result: thread 'fake-event-loop' failed"
                + " with java.lang.OutOfMemoryError: simulated: Java heap space (a thread of a plugin: a bug in the"
                + " plugin, or a heap too small for it; raise it with PLUGBOARD_JAVA_OPTS=-Xmx...)\n");
    }

    @Test
    void sigtermIsAnInterruptionLikeCtrlCExitStatus130AndSaysHowToResume() throws Exception {
        Path config = Files.writeString(work.resolve("c.json"), "{\"token\": \"tok-123456\", \"slowMillis\": 400}");
        Path out = work.resolve("s.jsonl");
        Path log = work.resolve("child.log");
        Process child = start(log, "sync", "fake", "--config", config.toString(), "--out", out.toString(),
                "--concurrency", "1", "--quiet", "--no-store");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(work.resolve("s.jsonl.partial")) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(1000);
        assertThat(child.isAlive()).as("still syncing").isTrue();
        child.destroy(); // SIGTERM
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isEqualTo(130);
        assertThat(printed).startsWith("plugboard: the sync was ").contains("\nThe sync so far is kept in " + out
                + ".partial; once the cause is fixed, run the same command with --resume to continue it");
        assertThat(out).doesNotExist();
        assertThat(work.resolve("s.jsonl.checkpoint.json")).exists();
    }

    @Test
    void aSecondSyncToTheSameOutputIsRefusedWhileTheFirstRunsAndTheFirstCompletes() throws Exception {
        Path release = work.resolve("release");
        Path config = Files.writeString(work.resolve("c.json"), "{\"token\": \"tok-123456\", \"holdUntil\": \""
                + release + "\"}");
        Path out = work.resolve("s.jsonl");
        Process first = start(work.resolve("first.log"), "sync", "fake", "--config", config.toString(), "--out",
                out.toString(), "--quiet", "--no-store");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(work.resolve("s.jsonl.partial")) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Path log = work.resolve("second.log");
        Process second = start(log, "sync", "fake", "--config", config.toString(), "--out", out.toString(), "--quiet",
                "--no-store");
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(first.isAlive()).as("the first sync is held until the release file exists").isTrue();
        assertThat(second.exitValue()).as(printed).isEqualTo(6);
        assertThat(printed).isEqualTo("plugboard: another plugboard run is writing " + out + " (it holds " + out
                + ".lock); wait until it ends, or write to another file\n");

        Files.createFile(release);
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(Files.readString(work.resolve("first.log"))).isZero();
        assertThat(Files.readString(out)).startsWith("{\"kind\":\"resourceType\"").contains("\"kind\":\"summary\"");
        assertThat(work.resolve("s.jsonl.lock")).doesNotExist();
    }
}
