package dev.plugboard.host.report;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a long report's progress on stderr: a line every interval while it runs (none for a report that ends
 * sooner), such as {@code report project-events: 3400 rows, 34 pages, 36 requests, 0 retries; reading project
 * web-7 (3 of 20)}. The line is printed from a timer, so waits between pages (a rate limit) are shown too.
 */
public final class ReportProgressDisplay implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private ReportProgressDisplay(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * What a progress line shows.
     *
     * @param rows     rows read
     * @param written  rows written (differs from {@code rows} for an incremental run)
     * @param pages    pages read
     * @param requests requests the plugin reported
     * @param retries  retries
     * @param status   the plugin's latest status line (what it reads, what it waits for), possibly empty
     */
    public record Snapshot(long rows, long written, long pages, long requests, long retries, String status) {
    }

    /**
     * @param err    where to print
     * @param report the report id
     * @param every  the interval between lines
     * @param state  the current figures
     * @return a display; close it when the run ends
     */
    public static ReportProgressDisplay start(PrintWriter err, String report, Duration every, Supplier<Snapshot> state) {
        Objects.requireNonNull(err, "err");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-report-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            err.println(line(report, state.get()));
            err.flush();
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new ReportProgressDisplay(timer);
    }

    /** @return a display that prints nothing ({@code --quiet}) */
    public static ReportProgressDisplay none() {
        return new ReportProgressDisplay(null);
    }

    /**
     * @param report the report id
     * @param s      the figures
     * @return the progress line
     */
    public static String line(String report, Snapshot s) {
        StringBuilder b = new StringBuilder("report ").append(report).append(": ").append(s.rows()).append(" rows");
        if (s.written() != s.rows()) {
            b.append(" (").append(s.written()).append(" new or changed)");
        }
        b.append(", ").append(s.pages()).append(s.pages() == 1 ? " page, " : " pages, ").append(s.requests())
                .append(" requests, ").append(s.retries()).append(" retries");
        if (!s.status().isBlank()) {
            b.append("; ").append(s.status());
        }
        return b.toString();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
