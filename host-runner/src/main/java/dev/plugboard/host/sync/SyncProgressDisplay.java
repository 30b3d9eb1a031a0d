package dev.plugboard.host.sync;

import dev.plugboard.host.output.Plurals;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a sync's progress on stderr: a progress bar on a terminal, plain periodic lines otherwise. */
public final class SyncProgressDisplay {
    private SyncProgressDisplay() {
    }

    /**
     * @param err the stream of a terminal
     * @return a listener drawing an (open-ended) progress bar of records written, with the calls in flight,
     *         requests and retries beside it
     */
    public static SyncListener bar(PrintStream err) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName("sync").setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" records", 1)
                .setConsumer(new ConsoleProgressBarConsumer(err)).showSpeed().continuousUpdate().build();
        return new SyncListener() {
            @Override
            public void progress(SyncProgress p) {
                bar.stepTo(p.records());
                // the bar prints its message right after the speed: a separator keeps the words apart
                bar.setExtraMessage(" | " + extra(p));
            }

            @Override
            public void finished(SyncSummary summary) {
                bar.stepTo(summary.counts().records());
                bar.setExtraMessage(" | done");
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /**
     * @param err      where to print
     * @param every    the least time between two lines
     * @param nanoTime the time source
     * @return a listener printing a line like {@code sync: 1200 records (100 resources, 1000 grants); 8 calls in
     *         flight, 340 requests, 0 retries} at most every {@code every}
     */
    public static SyncListener lines(PrintWriter err, Duration every, LongSupplier nanoTime) {
        long[] last = {nanoTime.getAsLong()};
        return p -> {
            long now = nanoTime.getAsLong();
            if (now - last[0] >= every.toNanos()) {
                last[0] = now;
                err.println("sync: " + p.records() + " records (" + p.resources() + " resources, " + p.grants()
                        + " grants); " + extra(p));
                err.flush();
            }
        };
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
