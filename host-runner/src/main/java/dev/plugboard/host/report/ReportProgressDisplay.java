package dev.plugboard.host.report;

import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.ProgressLine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Shows a long report's progress on stderr: on a terminal, one line redrawn in place and fitted to its width;
 * otherwise a line every interval while it runs (none for a report that ends sooner), such as {@code report project-events: 3400 rows, 34 pages, 36 requests, 0 retries; reading project
 * web-7 (3 of 20)}. The line is printed from a timer, so waits between pages (a rate limit) are shown too.
 */
public final class ReportProgressDisplay implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final Optional<ProgressLine.Redraw> redrawn;

    private ReportProgressDisplay(ScheduledExecutorService timer, Optional<ProgressLine.Redraw> redrawn) {
        this.timer = timer;
        this.redrawn = redrawn;
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
        ScheduledExecutorService timer = timer();
        timer.scheduleAtFixedRate(() -> {
            err.println(line(report, state.get()));
            err.flush();
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new ReportProgressDisplay(timer, Optional.empty());
    }

    /**
     * @param err     a terminal's stream
     * @param report  the report id
     * @param columns the terminal's width
     * @param every   the interval between redraws
     * @param state   the current figures
     * @return a display that redraws one line in place ({@link #terminalLine}) and blanks it when closed
     */
    public static ReportProgressDisplay redraw(PrintWriter err, String report, int columns, Duration every,
                                               Supplier<Snapshot> state) {
        ProgressLine.Redraw line = new ProgressLine.Redraw(err, columns);
        ScheduledExecutorService timer = timer();
        timer.scheduleAtFixedRate(() -> line.show(terminalLine(report, state.get())), every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS);
        return new ReportProgressDisplay(timer, Optional.of(line));
    }

    private static ScheduledExecutorService timer() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-report-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return a display that prints nothing ({@code --quiet}) */
    public static ReportProgressDisplay none() {
        return new ReportProgressDisplay(null, Optional.empty());
    }

    /**
     * @param report the report id
     * @param s      the figures
     * @return the line a terminal shows: {@code report members: 3400 rows, 34 pages | 36 requests, 0 retries;
     *         reading project web-7 (3 of 20)}, the status shortened first when the terminal is narrow
     */
    public static ProgressLine terminalLine(String report, Snapshot s) {
        String head = "report " + report + ": " + Plurals.of(s.rows(), "row")
                + (s.written() != s.rows() ? " (" + s.written() + " new or changed)" : "") + ", "
                + Plurals.of(s.pages(), "page");
        List<String> details = new ArrayList<>(List.of(" | " + Plurals.of(s.requests(), "request"),
                ", " + Plurals.of(s.retries(), "retry", "retries")));
        if (!s.status().isBlank()) {
            details.add("; " + s.status());
        }
        return new ProgressLine(head, details);
    }

    /**
     * @param report the report id
     * @param s      the figures
     * @return the progress line
     */
    public static String line(String report, Snapshot s) {
        StringBuilder b = new StringBuilder("report ").append(report).append(": ").append(Plurals.of(s.rows(), "row"));
        if (s.written() != s.rows()) {
            b.append(" (").append(s.written()).append(" new or changed)");
        }
        b.append(", ").append(Plurals.of(s.pages(), "page")).append(", ").append(Plurals.of(s.requests(), "request"))
                .append(", ").append(Plurals.of(s.retries(), "retry", "retries"));
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
        redrawn.ifPresent(ProgressLine.Redraw::clear);
    }
}
