package dev.plugboard.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A benchmark, not a test: {@code scripts/bench.sh --kafka-connect} runs it (with {@code -Dplugboard.bench.size}).
 * One sync of the same simulated organization through the CLI (a separate JVM, as a user runs it, with
 * {@code --no-store}: the connector below has no store either, so both write only the records) and through a
 * one-worker Connect cluster (from the REST call that creates the connector to the marker record read back), with
 * the simulator's request count for each. Writes {@code target/connect-bench.md}.
 */
class ConnectBenchIT {
    private static final Map<String, int[]> SIZES = Map.of(
            "S", new int[] {500, 50, 200},
            "M", new int[] {5_000, 300, 1_000},
            "L", new int[] {50_000, 2_000, 5_000});

    @TempDir
    Path work;

    /** @return the requests the sync itself made, as its summary line (the marker) reports them */
    private static long syncRequests(String summaryLine) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(summaryLine).at("/run/requests").asLong(-1);
    }

    @Test
    void syncThroughConnectAgainstTheCli() throws Exception {
        String size = System.getProperty("plugboard.bench.size", "");
        assumeTrue(!size.isEmpty(), "a benchmark: scripts/bench.sh --kafka-connect runs it");
        int[] s = SIZES.get(size);
        long latency = Long.getLong("plugboard.bench.latency.ms", 50);
        SimulatorOptions options = SimulatorOptions.builder().seed(1).members(s[0]).teams(s[1]).projects(s[2])
                .issuesPerProject(1).eventsPerIssue(1).feedbackPerProject(0).usersPerProject(0)
                .latency(Duration.ofMillis(latency)).rateLimits(RateLimitPolicy.saas()).build();
        try (SentrySimulator sim = SentrySimulator.start(options); ConnectFixture fixture = new ConnectFixture(work)) {
            Path config = work.resolve("sentry.yaml");
            Files.writeString(config, "authToken: " + sim.token() + "\norganization: " + sim.organization()
                    + "\nbaseUrl: " + sim.baseUrl() + "\n");
            Path out = work.resolve("cli.jsonl");
            sim.resetStats();
            long start = System.nanoTime();
            Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", Path.of("../host-runner/target/plugboard.jar").toString(),
                    "--plugins", fixture.bundle.resolve("plugins").toString(), "sync", "sentry", "--config",
                    config.toString(), "--out", out.toString(), "--no-store", "--quiet").inheritIO().start();
            assertEquals(0, cli.waitFor(), "the CLI sync failed");
            double cliWall = (System.nanoTime() - start) / 1e9;
            long cliRequests = sim.stats().total();
            List<String> cliLines = Files.readAllLines(out);
            long cliRecords = cliLines.size();
            long cliSyncRequests = syncRequests(cliLines.get(cliLines.size() - 1));

            Map<String, String> p = new HashMap<>();
            p.put("plugboard.plugin", "sentry");
            p.put("plugboard.config", "organization: " + sim.organization() + "\nbaseUrl: " + sim.baseUrl() + "\n");
            Path secrets = work.resolve("secrets.properties");
            Files.writeString(secrets, "token=" + sim.token() + "\n");
            p.put("plugboard.secret.authToken", "${file:" + secrets + ":token}");
            p.put("plugboard.topic", "bench");
            sim.resetStats();
            start = System.nanoTime();
            fixture.connect.configureConnector("bench", ConnectFixture.connector(p));
            // sample the committed offset while the sync runs: how large does the checkpoint kept in it get?
            java.util.concurrent.atomic.AtomicLong largestOffset = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    try {
                        fixture.connect.connectorOffsets("bench").offsets().forEach(o -> largestOffset.accumulateAndGet(
                                String.valueOf(o.offset().get("checkpoint")).length(), Math::max));
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        // the connector's offsets are not readable yet
                    }
                }
            });
            sampler.start();
            List<ConnectFixture.Consumed> records = fixture.consumeUntilMarkers("bench", 1, Duration.ofMinutes(20));
            done.set(true);
            sampler.join();
            double connectWall = (System.nanoTime() - start) / 1e9;
            long connectRequests = sim.stats().total();
            assertEquals(cliRecords, records.size(), "the same records");
            long connectSyncRequests = syncRequests(records.get(records.size() - 1).value());

            String table = String.join("\n",
                    "| " + size + " sync (" + s[0] + " / " + s[1] + " / " + s[2] + "), " + latency
                            + " ms latency | requests (simulator) | requests (sync summary) | wall time |",
                    "|---|---:|---:|---:|",
                    String.format(Locale.ROOT, "| plugboard sync (CLI, own JVM, -Xmx256m) | %d | %d | %.1f s |",
                            cliRequests, cliSyncRequests, cliWall),
                    String.format(Locale.ROOT, "| Kafka Connect (1 worker; PUT config, which runs config/validate"
                            + " and check(), to marker read back) | %d | %d | %.1f s |", connectRequests,
                            connectSyncRequests, connectWall),
                    String.format(Locale.ROOT, "| ratio Connect / CLI | %.2f | %.2f | %.2f |",
                            (double) connectRequests / cliRequests, (double) connectSyncRequests / cliSyncRequests,
                            connectWall / cliWall),
                    "",
                    "Largest checkpoint seen in the committed offset (sampled every 200 ms): " + largestOffset.get()
                            + " characters") + "\n";
            System.out.print(table);
            Files.writeString(Path.of("target/connect-bench.md"), table);
        }
    }
}
