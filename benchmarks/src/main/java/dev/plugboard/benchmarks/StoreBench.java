package dev.plugboard.benchmarks;

import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The store's measurements (issue 15), through the CLI against the simulator: the L sync into the store against
 * the same sync to a file only; 30 M syncs with 1% churn each (store size); diff of two L syncs; access from the
 * store against access from a sync file.
 */
final class StoreBench {
    private final Path work;
    private final Path plugins;
    private final long latency;
    private final String xmx;

    StoreBench(Path work, Path plugins, long latency, String xmx) {
        this.work = work;
        this.plugins = plugins;
        this.latency = latency;
        this.xmx = xmx;
    }

    private SentrySimulator start(int members, int teams, int projects) {
        return SentrySimulator.start(SimulatorOptions.builder().seed(1).members(members).teams(teams)
                .projects(projects).issuesPerProject(1).eventsPerIssue(1).feedbackPerProject(0).usersPerProject(0)
                .latency(Duration.ofMillis(latency)).rateLimits(RateLimitPolicy.saas()).build());
    }

    private HostRun cli(SentrySimulator sim, String what, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(args);
        HostRun run = HostRun.run(sim, work, xmx, Map.of("BENCH_SENTRY_TOKEN", sim.token()), all);
        if (run.exitCode() != 0) {
            throw new IllegalStateException(what + " failed (" + run.exitCode() + "): " + run.stderr());
        }
        return run;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static long size(Path file) throws IOException {
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path p = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(p)) {
                total += Files.size(p);
            }
        }
        return total;
    }

    /** @return the table's rows */
    List<String> rows(int churnSyncs) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| store measurement | result | goal |");
        rows.add("|---|---|---|");
        Path lStore = work.resolve("store-L.db");
        try (SentrySimulator sim = start(50_000, 2_000, 5_000)) {
            Path config = config(sim, "store-L");
            Path file = work.resolve("store-L.jsonl");
            HostRun fileOnly = cli(sim, "L sync --out", List.of("sync", "sentry", "--config", config.toString(),
                    "--no-store", "--out", file.toString(), "--quiet"));
            HostRun stored = cli(sim, "L sync into the store", List.of("sync", "sentry", "--config", config.toString(),
                    "--store", lStore.toString(), "--connection", "bench-L", "--quiet"));
            rows.add(String.format(Locale.ROOT, "| L sync (50000 / 2000 / 5000) into the store vs --out only (wall)"
                    + " | %.1f s vs %.1f s: ratio %.2f | at most 1.15 |", stored.wallMillis() / 1000.0,
                    fileOnly.wallMillis() / 1000.0, (double) stored.wallMillis() / fileOnly.wallMillis()));
            rows.add("| L sync into the store: peak heap (-Xmx" + xmx + ") | " + stored.peakHeapMb() + " MiB (--out only: "
                    + fileOnly.peakHeapMb() + " MiB) | under 128 MiB |");
            rows.add("| L: one sync's JSON Lines file vs the store after one sync | " + mib(Files.size(file)) + " vs "
                    + mib(size(lStore)) + " | |");
            System.err.println(rows.subList(2, rows.size()));
            sim.churn(1, 7);
            cli(sim, "second L sync into the store", List.of("sync", "sentry", "--config", config.toString(),
                    "--store", lStore.toString(), "--connection", "bench-L", "--quiet"));
            HostRun diff = cli(sim, "diff of two L syncs", List.of("diff", "--store", lStore.toString(),
                    "--connection", "bench-L", "--format", "jsonl", "--out", work.resolve("diff-L.jsonl").toString()));
            long changes;
            try (var lines = Files.lines(work.resolve("diff-L.jsonl"))) {
                changes = lines.count();
            }
            rows.add(String.format(Locale.ROOT, "| diff of two L syncs (1%% churn between: %,d changes, raw and"
                    + " effective), CLI wall time | %.1f s, peak heap %d MiB | under 5 s |", changes,
                    diff.wallMillis() / 1000.0, diff.peakHeapMb()));
            HostRun fromStore = cli(sim, "access --at", List.of("access", "--store", lStore.toString(),
                    "--connection", "bench-L", "--at", Instant.now().toString(), "--format", "csv", "--out",
                    work.resolve("access-store.csv").toString()));
            HostRun fromFile = cli(sim, "access --sync FILE", List.of("access", "--sync", file.toString(), "--format",
                    "csv", "--out", work.resolve("access-file.csv").toString()));
            rows.add(String.format(Locale.ROOT, "| access on L: --at (from the store) vs --sync FILE, CLI wall time |"
                    + " %.1f s vs %.1f s (peak heap %d vs %d MiB) | |", fromStore.wallMillis() / 1000.0,
                    fromFile.wallMillis() / 1000.0, fromStore.peakHeapMb(), fromFile.peakHeapMb()));
            System.err.println(rows.subList(2, rows.size()));
        }
        Path mStore = work.resolve("store-M.db");
        try (SentrySimulator sim = start(5_000, 300, 1_000)) {
            Path config = config(sim, "store-M");
            Path file = work.resolve("store-M.jsonl");
            cli(sim, "M sync --out", List.of("sync", "sentry", "--config", config.toString(), "--no-store", "--out",
                    file.toString(), "--quiet"));
            long afterOne = 0;
            for (int i = 1; i <= churnSyncs; i++) {
                if (i > 1) {
                    sim.churn(1, i);
                }
                cli(sim, "M sync " + i, List.of("sync", "sentry", "--config", config.toString(), "--store",
                        mStore.toString(), "--connection", "bench-M", "--quiet"));
                if (i == 1) {
                    afterOne = size(mStore);
                }
            }
            long afterAll = size(mStore);
            rows.add(String.format(Locale.ROOT, "| %d M syncs (5000 / 300 / 1000), 1%% churn before each after the"
                    + " first: store size | %s after %d vs %s after one: %.2f× (one sync's JSON Lines: %s) | at most"
                    + " 1.5× |", churnSyncs, mib(afterAll), churnSyncs, mib(afterOne), (double) afterAll / afterOne,
                    mib(Files.size(file))));
            System.err.println(rows.get(rows.size() - 1));
        }
        return rows;
    }

    private Path config(SentrySimulator sim, String name) throws IOException {
        return Files.writeString(work.resolve("sentry-" + name + ".yaml"), "authToken: ${env:BENCH_SENTRY_TOKEN}\n"
                + "organization: " + sim.organization() + "\nbaseUrl: " + sim.baseUrl() + "\n");
    }
}
