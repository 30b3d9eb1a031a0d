package dev.plugboard.host.sync;

import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.ProgressLine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a sync's progress on stderr: on a terminal, one line redrawn in place and fitted to its width; otherwise
 * plain lines now and then. Both show a percent once the total is known ({@link SyncListener#expect}: the records
 * of the connection's last sync), else a count.
 */
public final class SyncProgressDisplay {
    private SyncProgressDisplay() {
    }

    /**
     * @param err      a terminal's stream
     * @param columns  its width
     * @param nanoTime the time source (for the speed)
     * @return a listener that redraws a line such as {@code sync 45%: 1200 of about 2650 records, 310 records/s |
     *         8 in flight, 40 calls, 340 requests, 1 retry} and blanks it when the sync ends, for the summary
     */
    public static SyncListener redraw(PrintWriter err, int columns, LongSupplier nanoTime) {
        ProgressLine.Redraw line = new ProgressLine.Redraw(err, columns);
        return new SyncListener() {
            private OptionalLong total = OptionalLong.empty();
            private long first = -1;
            private long start;

            @Override
            public void expect(long records) {
                total = OptionalLong.of(records);
            }

            @Override
            public void progress(SyncProgress p) {
                if (first < 0) {
                    // the speed is measured from here: a resumed sync starts from the records written before
                    first = p.records();
                    start = nanoTime.getAsLong();
                }
                long nanos = nanoTime.getAsLong() - start;
                OptionalLong speed = nanos < TimeUnit.SECONDS.toNanos(1) ? OptionalLong.empty()
                        : OptionalLong.of((p.records() - first) * TimeUnit.SECONDS.toNanos(1) / nanos);
                line.show(terminalLine(p, total, speed));
            }

            @Override
            public void close() {
                line.clear();
            }
        };
    }

    /**
     * @param p     the figures
     * @param total the records expected in all, when known
     * @param speed records a second, once measured
     * @return the line a terminal shows
     */
    static ProgressLine terminalLine(SyncProgress p, OptionalLong total, OptionalLong speed) {
        OptionalLong percent = ProgressLine.percent(p.records(), total);
        String head = percent.isPresent() ? "sync " + percent.getAsLong() + "%: " + p.records() + " of about "
                + Plurals.of(total.getAsLong(), "record") : "sync: " + Plurals.of(p.records(), "record");
        List<String> details = new ArrayList<>();
        speed.ifPresent(s -> details.add(", " + s + " records/s"));
        details.add(" | " + p.inFlight() + " in flight");
        details.add(", " + Plurals.of(p.calls(), "call"));
        details.add(", " + Plurals.of(p.requests(), "request"));
        details.add(", " + Plurals.of(p.retries(), "retry", "retries"));
        if (!p.status().isBlank()) {
            details.add("; " + p.status());
        }
        return new ProgressLine(head, details);
    }

    /**
     * @param err      where to print
     * @param every    the least time between two lines
     * @param nanoTime the time source
     * @return a listener printing a line like {@code sync: 1200 records (100 resources, 1000 grants); 8 in flight,
     *         40 calls, 340 requests, 0 retries} (or {@code sync: 1200 of about 2650 records (45%; 100 resources, ...})
     *         at most every {@code every}
     */
    public static SyncListener lines(PrintWriter err, Duration every, LongSupplier nanoTime) {
        long[] last = {nanoTime.getAsLong()};
        return new SyncListener() {
            private OptionalLong total = OptionalLong.empty();

            @Override
            public void expect(long records) {
                total = OptionalLong.of(records);
            }

            @Override
            public void progress(SyncProgress p) {
                long now = nanoTime.getAsLong();
                if (now - last[0] >= every.toNanos()) {
                    last[0] = now;
                    err.println(plainLine(p, total));
                    err.flush();
                }
            }
        };
    }

    /**
     * @param p     the figures
     * @param total the records expected in all, when known
     * @return the line printed where stderr is not a terminal
     */
    static String plainLine(SyncProgress p, OptionalLong total) {
        OptionalLong percent = ProgressLine.percent(p.records(), total);
        String counts = Plurals.of(p.resources(), "resource") + ", " + Plurals.of(p.grants(), "grant");
        return "sync: " + (percent.isPresent() ? p.records() + " of about " + Plurals.of(total.getAsLong(), "record")
                + " (" + percent.getAsLong() + "%; " + counts + ")" : Plurals.of(p.records(), "record") + " (" + counts
                + ")") + "; " + extra(p);
    }

    private static String extra(SyncProgress p) {
        String line = p.inFlight() + " in flight, " + Plurals.of(p.calls(), "call") + ", "
                + Plurals.of(p.requests(), "request") + ", " + Plurals.of(p.retries(), "retry", "retries");
        return p.status().isEmpty() ? line : line + "; " + p.status();
    }

    /**
     * @param summary a finished sync
     * @return one line for people: counts, requests, retries and time
     */
    public static String describe(SyncSummary summary) {
        return "synced " + Plurals.of(summary.counts().resources(), "resource") + ", "
                + Plurals.of(summary.counts().entitlements(), "entitlement") + " and "
                + Plurals.of(summary.counts().grants(), "grant") + " of "
                + Plurals.of(summary.counts().resourceTypes(), "type") + " in "
                + String.format(Locale.ROOT, "%.1f s", summary.durationMillis() / 1000.0) + " ("
                + Plurals.of(summary.calls(), "call") + ", " + Plurals.of(summary.requests(), "request") + ", "
                + Plurals.of(summary.retries() + summary.pluginRetries(), "retry", "retries") + ")";
    }
}
