package dev.plugboard.benchmarks;

import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.simulator.model.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project-events report over 20 projects (issue 16): a first {@code --incremental --into store} run reads the
 * whole 90-day window; then the simulator adds 1% new events and a second run reads only what is new. Two rows.
 */
final class EventsBench {
    /**
     * The second run's lookback. The simulator dates a project's new events anywhere after that project's own
     * newest event, which in a quiet project is hours before the report's cursor (the newest event of all
     * projects): such events arrive late, and only a lookback that long reads them. Sentry dates events when they
     * happen, so a real second run needs only the default (10m) for SDKs that send a little late. Both runs use
     * it: the state a run saves remembers the rows within its lookback, and a later run with a longer one would
     * write the rows between the two lookbacks to --out again (the table merges them).
     */
    static final Duration LOOKBACK = Duration.ofDays(1);
    private static final int PROJECTS = 20;
    private static final int PER_ISSUE = 100;

    private final Path work;
    private final Path plugins;
    private final long latency;
    private final String xmx;

    EventsBench(Path work, Path plugins, long latency, String xmx) {
        this.work = work;
        this.plugins = plugins;
        this.latency = latency;
        this.xmx = xmx;
    }

    /**
     * @param events    events in all
     * @param row       formats a row
     * @return the first run's row and the second run's
     */
    List<String> rows(int events, Row row) throws Exception {
        int issues = Math.max(1, events / PROJECTS / PER_ISSUE);
        SimulatorOptions options = SimulatorOptions.builder().seed(1).members(50).teams(5).projects(PROJECTS)
                .issuesPerProject(issues).eventsPerIssue(PER_ISSUE).latency(Duration.ofMillis(latency))
                .rateLimits(RateLimitPolicy.saas()).build();
        List<String> rows = new ArrayList<>();
        try (SentrySimulator sim = SentrySimulator.start(options)) {
            long total = 0;
            long minimum = 2; // the org detail (region) and the projects listing ("all"), then each page of events
            Instant cursor = Instant.EPOCH;
            for (var p : sim.org().projects()) {
                List<Event> list = sim.projectData(p.id()).orElseThrow().events();
                total += list.size();
                minimum += OrgShape.pages(list.size());
                for (Event e : list) {
                    cursor = e.dateCreated().isAfter(cursor) ? e.dateCreated() : cursor;
                }
            }
            Path config = Benchmark.config(work, sim, "events");
            Path store = work.resolve("events-store.db");
            sim.resetStats();
            HostRun first = run(sim, config, store, "events.jsonl");
            long firstRequests = sim.stats().total();
            long eventRequests = minimum - 2;
            double lower = Math.max((eventRequests + 2) * latency / 1000.0,
                    Benchmark.byWindows(first, eventRequests, latency));
            rows.add(row.format("plugboard report project-events --incremental --into store --lookback "
                            + LOOKBACK.toDays() + "d, first run (" + total
                            + " events, " + PROJECTS + " projects)", sim.stats().total(), minimum, first.wallMillis(),
                    lower, first, sim.stats().rateLimited()));
            System.err.println(rows.get(rows.size() - 1));

            int added = (int) Math.max(1, total / 100);
            DataGrowth.Report grown = sim.grow(new DataGrowth.Request(7, added, 0, 0, 0, Optional.empty(),
                    List.of()));
            Instant from = cursor.minus(LOOKBACK);
            long second = 2;
            long newPages = 0;
            for (var p : sim.org().projects()) {
                List<Event> list = sim.projectData(p.id()).orElseThrow().events();
                long inWindow = list.stream().filter(e -> !e.dateCreated().isBefore(from)).count();
                long fresh = grown.events().stream().filter(e -> e.projectId().equals(p.id())).count();
                second += OrgShape.pages(inWindow);
                newPages += fresh == 0 ? 0 : OrgShape.pages(fresh);
            }
            sim.resetStats();
            HostRun again = run(sim, config, store, "events-new.jsonl");
            long written = Files.readAllLines(work.resolve("events-new.jsonl")).size();
            if (written != grown.events().size()) {
                throw new IllegalStateException("the second run wrote " + written + " rows, but " + grown.events()
                        .size() + " events were added: " + again.stderr());
            }
            rows.add(row.format("second run after " + added + " new events (1%): " + written + " new rows written; pages of new events " + newPages + " + " + (second - 2 - newPages)
                            + " pages of projects without any + 2 listings", sim.stats().total(), second,
                    again.wallMillis(), second * latency / 1000.0, again, sim.stats().rateLimited()));
            System.err.println(rows.get(rows.size() - 1));
            System.err.println("second run / first run: requests " + String.format(java.util.Locale.ROOT, "%.3f",
                    (double) sim.stats().total() / firstRequests) + ", wall time " + String.format(
                    java.util.Locale.ROOT, "%.3f", (double) again.wallMillis() / first.wallMillis()));
        }
        return rows;
    }

    private HostRun run(SentrySimulator sim, Path config, Path store, String out) throws Exception {
        List<String> args = new ArrayList<>(List.of("--plugins", plugins.toString(), "report", "sentry",
                "project-events", "--config", config.toString(), "--param", "projects=all", "--param", "daysBack=90",
                "--format", "jsonl", "--out", work.resolve(out).toString(), "--incremental", "--into", "store",
                "--store", store.toString(), "--connection", "bench", "--lookback", LOOKBACK.toDays() + "d"));
        HostRun run = HostRun.run(sim, work, xmx, Map.of("BENCH_SENTRY_TOKEN", sim.token()), args);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("project-events report failed (" + run.exitCode() + "): " + run.stderr());
        }
        return run;
    }

    /** Formats a benchmark row. */
    @FunctionalInterface
    interface Row {
        String format(String name, long requests, long minimum, long wallMillis, double lower, HostRun run,
                      long rateLimited);
    }
}
