package dev.plugboard.benchmarks;

import dev.plugboard.simulator.SentrySimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code plugboard} CLI as a separate JVM (as a user would), and measures its wall time, the time from
 * process start to its first request, and its peak heap (the largest heap occupancy the GC log shows).
 *
 * @param exitCode        the CLI's exit status
 * @param wallMillis      process start to exit
 * @param firstRequestMillis process start to the simulator's first request
 * @param peakHeapMb      the largest heap occupancy before a collection, in MiB (0 when no GC ran)
 * @param stderr          what it printed on stderr
 * @param startEpochMillis when the process was started (wall clock)
 */
record HostRun(int exitCode, long wallMillis, long firstRequestMillis, long peakHeapMb, String stderr,
               long startEpochMillis) {
    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** How the CLI is started. */
    enum Launch {
        /** {@code scripts/plugboard}: the README's launcher (C1, serial GC, class-data-sharing archive). */
        LAUNCHER,
        /** {@code java -jar host-runner/target/plugboard.jar} with the JVM's defaults. */
        PLAIN_JAVA
    }

    static HostRun run(SentrySimulator sim, Path work, String xmx, java.util.Map<String, String> env, List<String> args)
            throws IOException, InterruptedException {
        return run(sim, work, xmx, Launch.LAUNCHER, env, args);
    }

    static HostRun run(SentrySimulator sim, Path work, String xmx, Launch launch, java.util.Map<String, String> env,
                       List<String> args) throws IOException, InterruptedException {
        Path gcLog = work.resolve("gc-" + System.nanoTime() + ".log");
        Path err = work.resolve("stderr-" + System.nanoTime() + ".txt");
        String jvmOptions = "-Xmx" + xmx + " -Xlog:gc:file=" + gcLog;
        List<String> command = new ArrayList<>();
        if (launch == Launch.LAUNCHER) {
            command.addAll(List.of("bash", "scripts/plugboard"));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions.split(" ")));
            command.addAll(List.of("-jar", "host-runner/target/plugboard.jar"));
        }
        command.addAll(args);
        long before = sim.stats().total();
        long startEpoch = System.currentTimeMillis();
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        builder.environment().put("PLUGBOARD_JAVA_OPTS", jvmOptions);
        builder.environment().put("PLUGBOARD_CDS_DIR", work.resolve("cds").toString());
        Process process = builder.start();
        long first = -1;
        while (process.isAlive() && first < 0) {
            if (sim.stats().total() > before) {
                first = (System.nanoTime() - start) / 1_000_000;
            } else {
                Thread.sleep(1);
            }
        }
        int code = process.waitFor();
        long wall = (System.nanoTime() - start) / 1_000_000;
        return new HostRun(code, wall, first, peakHeap(gcLog), Files.exists(err) ? Files.readString(err) : "", startEpoch);
    }

    private static long peakHeap(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }
}
