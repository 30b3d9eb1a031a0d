package dev.plugboard.host.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.sync.SyncCounts;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncProgress;
import dev.plugboard.host.sync.SyncSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
    @TempDir
    Path dir;

    @Test
    void aFileAppearsOnlyOnCommitAndAnAbandonedOneLeavesNothing() throws Exception {
        Path target = dir.resolve("out.csv");
        try (AtomicFileOutput out = AtomicFileOutput.create(target)) {
            out.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(out.sync()).isEqualTo(5);
            assertThat(target).doesNotExist();
            assertThat(dir.resolve("out.csv.partial")).hasContent("a,b\r\n");
            out.commit();
        }
        assertThat(target).hasContent("a,b\r\n");
        assertThat(dir.resolve("out.csv.partial")).doesNotExist();

        try (OutputTarget failed = OutputTarget.file(target)) {
            failed.writer().write("half");
        }
        assertThat(target).hasContent("a,b\r\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.csv");
        }
    }

    @Test
    void resumingKeepsTheCheckpointedBytesAndDropsTheRest() throws Exception {
        Path target = dir.resolve("s.jsonl");
        AtomicFileOutput first = AtomicFileOutput.create(target);
        first.stream().write("line1\nline2\nhalf-a-li".getBytes(StandardCharsets.UTF_8));
        first.abandon(true);

        try (AtomicFileOutput resumed = AtomicFileOutput.resume(target, 12)) {
            resumed.stream().write("line3\n".getBytes(StandardCharsets.UTF_8));
            assertThat(resumed.sync()).isEqualTo(18);
            resumed.commit();
        }
        assertThat(target).hasContent("line1\nline2\nline3\n");
        Files.writeString(AtomicFileOutput.partialOf(target), "short");
        assertThatThrownBy(() -> AtomicFileOutput.resume(target, 99)).isInstanceOf(IOException.class)
                .hasMessage("cannot resume: the partial output " + AtomicFileOutput.partialOf(target) + " has 5 bytes"
                        + " but the checkpoint recorded 99; run again without --resume");
    }

    @Test
    void plainProgressLinesComeAtMostEveryInterval() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        SyncListener lines = SyncProgressDisplay.lines(new PrintWriter(text), Duration.ofSeconds(10), now::get);
        SyncProgress p = new SyncProgress(1200, 100, 1000, 8, 40, 340, 1, "");

        lines.progress(p);
        now.set(Duration.ofSeconds(10).toNanos());
        lines.progress(p);
        now.set(Duration.ofSeconds(15).toNanos());
        lines.progress(new SyncProgress(1300, 100, 1100, 2, 41, 341, 1, "retrying grants of team:7"));

        assertThat(text.toString()).isEqualTo(
                "sync: 1200 records (100 resources, 1000 grants); 8 in flight, 40 calls, 340 requests, 1 retries\n");
    }

    @Test
    void theProgressBarDrawsAndCloses() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SyncListener bar = SyncProgressDisplay.bar(new PrintStream(err, true, StandardCharsets.UTF_8));
        bar.progress(new SyncProgress(10, 1, 5, 2, 3, 4, 0, ""));
        SyncSummary summary = new SyncSummary("fake", List.of("user"), new SyncCounts(1,
                new TreeMap<>(Map.of("user", new SyncCounts.TypeCounts(10, 0, 0)))), 1500, 3, 4, 0, 0);
        bar.finished(summary);
        bar.close();

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sync").contains("11/?");
        assertThat(SyncProgressDisplay.describe(summary)).isEqualTo(
                "synced 10 resources, 0 entitlements and 0 grants of 1 types in 1.5 s (3 calls, 4 requests, 0 retries)");
    }
}
