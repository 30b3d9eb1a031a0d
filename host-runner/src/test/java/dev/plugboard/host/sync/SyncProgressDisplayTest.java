package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SyncProgressDisplayTest {
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
                "sync: 1200 records (100 resources, 1000 grants); 8 in flight, 40 calls, 340 requests, 1 retry\n");
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
                "synced 10 resources, 0 entitlements and 0 grants of 1 type in 1.5 s (3 calls, 4 requests, 0 retries)");
    }
}
