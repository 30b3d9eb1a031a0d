package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.runtime.Retrier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Syncs in a child JVM: 200,000 grants in a small heap, and a sync killed with SIGKILL then resumed.
 *
 * <p>The heap limit is 32 MiB, well under the 128 MiB the issue asks for, because 128 MiB would prove little: the
 * synthetic plugin's 200,000 grants, merely held in a list, fit in 128 MiB but not in 32 MiB (measured: a program
 * collecting them dies with OutOfMemoryError at -Xmx32m), so a sync that completes at 32 MiB streamed them.
 */
class ForkedSyncTest {
    @TempDir
    Path dir;

    private static Process start(String heap, Path out, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), SyntheticSyncMain.class.getName(),
                out.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void syncs200000FatGrantsIn32MiBOfHeapStreamingToTheFile() throws Exception {
        Path out = dir.resolve("big.jsonl");
        Path log = dir.resolve("child.log");
        // 200 teams x 1000 members = 200,000 grants of ~400 bytes each in the file (~80 MB)
        Process child = start("-Xmx32m", out, log, "200", "1000", "500", "0", "5000", "8", "false");

        assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("child finished").isTrue();
        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).contains("grants=200000 ").contains("maxHeapMiB=");
        System.out.println("forked 200,000-grant sync: " + printed.strip() + ", file " + (Files.size(out) >> 20) + " MiB");
        long grantLines;
        try (var lines = Files.lines(out)) {
            grantLines = lines.filter(l -> l.startsWith("{\"kind\":\"grant\"")).count();
        }
        assertThat(grantLines).isEqualTo(200_000);
        // the file is more than twice the heap: it was streamed, not built in memory
        assertThat(Files.size(out)).isGreaterThan(2 * (32L << 20));
    }

    @Test
    void aSyncKilledMidwayResumesFromItsCheckpointToTheSameFile() throws Exception {
        Path out = dir.resolve("killed.jsonl");
        Path log = dir.resolve("child.log");
        Path checkpoint = dir.resolve("killed.jsonl.checkpoint.json");
        // 60 teams x 300 members, pages of 50, 15 ms a call: a few seconds, checkpoints every 100 ms
        Process child = start("-Xmx128m", out, log, "60", "300", "50", "15", "100", "4", "false");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(checkpoint) && Files.size(dir.resolve("killed.jsonl.partial")) > 200_000)
                && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(child.isAlive()).as("child still running when its checkpoint appeared").isTrue();
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(out).doesNotExist();
        assertThat(checkpoint).exists();
        long killedCheckpointPosition = CheckpointFile.besides(out).read().outputPosition();

        SyncSummary resumed;
        long resumedCalls;
        try (SyntheticResourceSync plugin = new SyntheticResourceSync(60, 300, 50, 0)) {
            resumed = new SyncJob("synthetic", Map.of("seed", 1), plugin, SyncOptions.of(4), Retrier.none(),
                    new SyncStats(), SyncListener.none(), System::nanoTime).toFile(out, true);
            resumedCalls = plugin.calls();
        }
        String expected;
        long allCalls;
        try (SyntheticResourceSync plugin = new SyntheticResourceSync(60, 300, 50, 0)) {
            java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
            new SyncJob("synthetic", Map.of("seed", 1), plugin, SyncOptions.of(4), Retrier.none(), new SyncStats(),
                    SyncListener.none(), System::nanoTime).toStream(buffer);
            expected = buffer.toString(StandardCharsets.UTF_8);
            allCalls = plugin.calls();
        }

        assertThat(killedCheckpointPosition).isPositive();
        assertThat(resumedCalls).isLessThan(allCalls);
        assertThat(resumed.counts().grants()).isEqualTo(60 * 300);
        assertThat(SyncTesting.withoutRunFigures(Files.readString(out)))
                .isEqualTo(SyncTesting.withoutRunFigures(expected));
        assertThat(checkpoint).doesNotExist();
    }
}
