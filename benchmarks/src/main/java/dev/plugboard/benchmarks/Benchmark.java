package dev.plugboard.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark: full identity syncs of S, M and L organizations and the project-events report, through the real
 * {@code plugboard} CLI against the simulator with Sentry-like limits and a fixed latency; the same organizations
 * through the peer's request pattern; one table. Run from the repository root after {@code mvn package}:
 * {@code java -jar benchmarks/target/benchmarks.jar [--sizes S,M,L] [--latency-ms 50] [--no-peer] [--events 20000]
 * [--xmx 256m] [--out FILE] [--store-syncs 30] [--store-only] [--events-only]}. The identity syncs run with
 * {@code --no-store}
 * (JSON Lines only, as before the store); the project-events report runs twice, incrementally ({@link EventsBench});
 * the store's measurements come after them ({@link StoreBench}), unless {@code --store-syncs 0}.
 * {@code --events-only} runs the project-events rows alone.
 */
public final class Benchmark {
    private static final Map<String, int[]> SIZES = Map.of(
            "S", new int[] {500, 50, 200},
            "M", new int[] {5_000, 300, 1_000},
            "L", new int[] {50_000, 2_000, 5_000});
    private static final String HEADER = "| run | requests | minimum | wall time | lower bound | ratio | ratio without"
            + " start-up | 429s | peak heap | start to first request |";
    private static final String RULE = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    private static final int RATE_PER_SECOND = 40;
    private static final int CONCURRENT = 25;

    private Benchmark() {
    }

    /** @param args see the class comment */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        List<String> sizes = List.of(opts.getOrDefault("--sizes", "S,M,L").split(","));
        long latency = Long.parseLong(opts.getOrDefault("--latency-ms", "50"));
        boolean peer = !opts.containsKey("--no-peer");
        int events = Integer.parseInt(opts.getOrDefault("--events", "20000"));
        String xmx = opts.getOrDefault("--xmx", "256m");
        Path work = Files.createTempDirectory("plugboard-bench");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(Path.of("sentry-plugin/target/sentry-plugin.jar"), plugins.resolve("sentry-plugin.jar"));

        int storeSyncs = Integer.parseInt(opts.getOrDefault("--store-syncs", "30"));
        if (opts.containsKey("--store-only")) {
            String table = String.join("\n", new StoreBench(work, plugins, latency, xmx).rows(storeSyncs)) + "\n";
            System.out.print(table);
            if (opts.containsKey("--out")) {
                Files.writeString(Path.of(opts.get("--out")), table);
            }
            return;
        }
        if (opts.containsKey("--events-only")) {
            String table = String.join("\n", List.of(HEADER, RULE)) + "\n"
                    + String.join("\n", eventsRows(work, plugins, events, latency, xmx)) + "\n";
            System.out.print(table);
            if (opts.containsKey("--out")) {
                Files.writeString(Path.of(opts.get("--out")), table);
            }
            return;
        }
        int startupRuns = Integer.parseInt(opts.getOrDefault("--startup-runs", "7"));
        List<String> startup = startupRows(work, plugins, Math.max(startupRuns, 1), latency);
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.add(RULE);
        for (String size : sizes) {
            int[] s = SIZES.get(size.trim());
            if (s == null) {
                throw new IllegalArgumentException("--sizes takes S, M and L, got " + size);
            }
            SimulatorOptions options = SimulatorOptions.builder().seed(1).members(s[0]).teams(s[1]).projects(s[2])
                    .issuesPerProject(1).eventsPerIssue(1).feedbackPerProject(0).usersPerProject(0)
                    .latency(Duration.ofMillis(latency)).rateLimits(RateLimitPolicy.saas()).build();
            try (SentrySimulator sim = SentrySimulator.start(options)) {
                OrgShape shape = OrgShape.of(sim.org());
                Path config = config(work, sim, size);
                Path out = work.resolve("sync-" + size + ".jsonl");
                sim.resetStats();
                HostRun run = HostRun.run(sim, work, xmx, Map.of("BENCH_SENTRY_TOKEN", sim.token()),
                        List.of("--plugins", plugins.toString(), "sync", "sentry", "--config", config.toString(),
                                "--no-store", "--out", out.toString(), "--quiet"));
                if (run.exitCode() != 0) {
                    throw new IllegalStateException("sync " + size + " failed (" + run.exitCode() + "): " + run.stderr());
                }
                double lower = lowerBoundSeconds(shape.longestChain(), shape.busiestEndpointRequests(), latency);
                rows.add(row("plugboard sync " + size + " (" + s[0] + " / " + s[1] + " / " + s[2] + ")",
                        sim.stats().total(), shape.minimumRequests(), run.wallMillis() / 1000.0, lower,
                        (run.wallMillis() - run.firstRequestMillis()) / 1000.0,
                        sim.stats().rateLimited(), run.peakHeapMb() + " MiB (-Xmx" + xmx + ")",
                        run.firstRequestMillis() + " ms"));
                System.err.println(rows.get(rows.size() - 1));
                if (peer) {
                    sim.resetStats();
                    PeerReplay replay = new PeerReplay(sim.baseUrl(), sim.token(), sim.organization());
                    long start = System.nanoTime();
                    replay.run();
                    double wall = (System.nanoTime() - start) / 1e9;
                    double peerLower = lowerBoundSeconds(shape.longestChain(), shape.busiestEndpointRequests(), latency);
                    rows.add(row("peer pattern " + size + " (sequential)", replay.requests(), shape.minimumRequests(),
                            wall, peerLower, wall, replay.rateLimited(), "n/a", "n/a"));
                    System.err.println(rows.get(rows.size() - 1));
                }
            }
        }
        if (startupRuns > 0) {
            rows.addAll(startup);
        }
        if (events > 0) {
            rows.addAll(eventsRows(work, plugins, events, latency, xmx));
        }
        if (storeSyncs > 0) {
            rows.add("");
            rows.addAll(new StoreBench(work, plugins, latency, xmx).rows(storeSyncs));
        }
        String table = String.join("\n", rows) + "\n";
        System.out.print(table);
        if (opts.containsKey("--out")) {
            Files.writeString(Path.of(opts.get("--out")), table);
        }
    }

    private static List<String> eventsRows(Path work, Path plugins, int events, long latency, String xmx)
            throws Exception {
        return new EventsBench(work, plugins, latency, xmx).rows(events, (name, requests, minimum, wall, lower, run,
                limited) -> row(name, requests, minimum, wall / 1000.0, lower, (wall - run.firstRequestMillis())
                / 1000.0, limited, run.peakHeapMb() + " MiB (-Xmx" + xmx + ")", run.firstRequestMillis() + " ms"));
    }

    /**
     * Project events: 60 requests per 60 s window, aligned to the clock, one at a time. From the first request, the
     * best possible run waits for the window in which the last batch may start, then sends it.
     *
     * @return that wait plus the last batch's latency, in seconds
     */
    static double byWindows(HostRun run, long eventRequests, long latency) {
        long firstEpoch = run.startEpochMillis() + run.firstRequestMillis();
        long windowMs = 60_000;
        long boundaries = (eventRequests + 60 - 1) / 60 - 1; // windows crossed; the other two requests use other endpoints
        long lastWindowStart = Math.floorDiv(firstEpoch, windowMs) * windowMs + boundaries * windowMs;
        long lastBatch = eventRequests - boundaries * 60;
        return Math.max(0, lastWindowStart - firstEpoch) / 1000.0 + lastBatch * latency / 1000.0;
    }

    /**
     * Start to first request, measured apart: {@code runs} syncs of a small organization (50 members) each with the
     * launcher's JVM options and with the JVM's defaults ({@code java -jar}), median and range.
     */
    private static List<String> startupRows(Path work, Path plugins, int runs, long latency) throws Exception {
        SimulatorOptions options = SimulatorOptions.builder().seed(1).members(50).teams(5).projects(10)
                .latency(Duration.ofMillis(latency)).rateLimits(RateLimitPolicy.saas()).build();
        List<String> rows = new ArrayList<>();
        try (SentrySimulator sim = SentrySimulator.start(options)) {
            Path config = config(work, sim, "startup");
            List<String> args = List.of("--plugins", plugins.toString(), "sync", "sentry", "--config", config.toString(),
                    "--no-store", "--out", work.resolve("startup.jsonl").toString(), "--quiet");
            Map<String, String> env = Map.of("BENCH_SENTRY_TOKEN", sim.token());
            HostRun writesArchive = HostRun.run(sim, work, "256m", HostRun.Launch.LAUNCHER, env, args);
            rows.add(String.format(Locale.ROOT, "| start to first request, scripts/plugboard, first run"
                    + " (writes the class-data-sharing archive) | | | | | | | | | %d ms |", writesArchive.firstRequestMillis()));
            for (HostRun.Launch launch : HostRun.Launch.values()) {
                List<Long> firsts = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    HostRun run = HostRun.run(sim, work, "256m", launch, env, args);
                    if (run.exitCode() != 0) {
                        throw new IllegalStateException("startup sync failed: " + run.stderr());
                    }
                    firsts.add(run.firstRequestMillis());
                }
                firsts.sort(null);
                String name = launch == HostRun.Launch.LAUNCHER ? "scripts/plugboard" : "java -jar plugboard.jar (JVM defaults)";
                rows.add(String.format(Locale.ROOT, "| start to first request, %s: median of %d runs | | | | | | | | | %d ms (%d–%d) |",
                        name, runs, firsts.get(firsts.size() / 2), firsts.get(0), firsts.get(firsts.size() - 1)));
            }
            rows.forEach(System.err::println);
        }
        return rows;
    }

    /** The larger of: the longest chain of dependent requests × latency; the busiest endpoint's requests ÷ its rate; its requests × latency ÷ its concurrency. */
    static double lowerBoundSeconds(long chain, long busiestEndpoint, long latencyMs) {
        double byChain = chain * latencyMs / 1000.0;
        double byRate = (double) (busiestEndpoint - 1) / RATE_PER_SECOND;
        double byConcurrency = (double) busiestEndpoint * latencyMs / 1000.0 / CONCURRENT;
        return Math.max(byChain, Math.max(byRate, byConcurrency));
    }

    static Path config(Path work, SentrySimulator sim, String name) throws IOException {
        return Files.writeString(work.resolve("sentry-" + name + ".yaml"), "authToken: ${env:BENCH_SENTRY_TOKEN}\n"
                + "organization: " + sim.organization() + "\nbaseUrl: " + sim.baseUrl() + "\n");
    }

    private static String row(String name, long requests, long minimum, double wall, double lower, double busy,
                              long limited, String heap, String first) {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f s | %.1f s | %.2f | %.2f | %d | %s | %s |",
                name, requests, minimum, wall, lower, wall / lower, busy / lower, limited, heap, first);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-peer") || a.equals("--store-only") || a.equals("--events-only")) {
                opts.put(a, "");
            } else if (a.startsWith("--") && i + 1 < args.length) {
                opts.put(a, args[++i]);
            } else {
                throw new IllegalArgumentException("usage: benchmarks.jar [--sizes S,M,L] [--latency-ms 50] [--no-peer]"
                        + " [--events 20000] [--startup-runs 7] [--xmx 256m] [--out FILE] [--store-syncs 30] [--store-only]"
                        + " [--events-only]; got '"
                        + a + "'");
            }
        }
        return opts;
    }

    static JsonNode summary(Path syncFile) throws IOException {
        List<String> lines = Files.readAllLines(syncFile);
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }
}
