package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
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
    void plainLinesShowAPercentOnceTheTotalIsKnown() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        SyncListener lines = SyncProgressDisplay.lines(new PrintWriter(text), Duration.ZERO, now::get);

        lines.expect(2650);
        lines.progress(new SyncProgress(1200, 100, 1000, 8, 40, 340, 1, ""));
        lines.progress(new SyncProgress(2700, 1, 2500, 0, 41, 341, 0, ""));

        assertThat(text.toString()).isEqualTo("sync: 1200 of about 2650 records (45%; 100 resources, 1000 grants);"
                + " 8 in flight, 40 calls, 340 requests, 1 retry\n"
                + "sync: 2700 records (1 resource, 2500 grants); 0 in flight, 41 calls, 341 requests, 0 retries\n");
    }

    @Test
    void theTerminalLineKeepsWordsApartAndFitsTheWidth() {
        SyncProgress p = new SyncProgress(1200, 100, 1000, 8, 40, 340, 1, "listing members of team web-7");

        assertThat(SyncProgressDisplay.terminalLine(p, OptionalLong.of(2650), OptionalLong.of(310)).fit(140))
                .isEqualTo("sync 45%: 1200 of about 2650 records, 310 records/s | 8 in flight, 40 calls,"
                        + " 340 requests, 1 retry; listing members of team web-7");
        assertThat(SyncProgressDisplay.terminalLine(p, OptionalLong.empty(), OptionalLong.of(310)).fit(80))
                .isEqualTo("sync: 1200 records, 310 records/s | 8 in flight, 40 calls, 340 requests");
        assertThat(SyncProgressDisplay.terminalLine(p, OptionalLong.of(2650), OptionalLong.empty()).fit(60))
                .isEqualTo("sync 45%: 1200 of about 2650 records | 8 in flight");
        assertThat(SyncProgressDisplay.terminalLine(p, OptionalLong.empty(), OptionalLong.empty()).fit(40))
                .isEqualTo("sync: 1200 records | 8 in flight");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndBlankedAtTheEnd() {
        AtomicLong now = new AtomicLong();
        StringWriter text = new StringWriter();
        SyncListener redraw = SyncProgressDisplay.redraw(new PrintWriter(text), 60, now::get);

        redraw.expect(40);
        now.set(Duration.ofSeconds(1).toNanos());
        redraw.progress(new SyncProgress(10, 1, 5, 2, 3, 4, 0, ""));
        now.set(Duration.ofSeconds(3).toNanos());
        redraw.progress(new SyncProgress(30, 2, 20, 1, 5, 6, 0, ""));
        SyncSummary summary = new SyncSummary("fake", List.of("user"), new SyncCounts(1,
                new TreeMap<>(Map.of("user", new SyncCounts.TypeCounts(10, 0, 0)))), 1500, 3, 4, 0, 0);
        redraw.finished(summary);
        redraw.close();

        // 60 columns: 59 characters at most; the second line is shorter and blanks what is left of the first
        assertThat(text.toString()).isEqualTo("\rsync 25%: 10 of about 40 records | 2 in flight, 3 calls"
                + "\rsync 75%: 30 of about 40 records, 10 records/s" + " ".repeat(9)
                + "\r" + " ".repeat(46) + "\r");
        assertThat(SyncProgressDisplay.describe(summary)).isEqualTo(
                "synced 10 resources, 0 entitlements and 0 grants of 1 type in 1.5 s (3 calls, 4 requests, 0 retries)");
    }
}
