package dev.plugboard.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone simulator: {@code java -jar sentry-simulator.jar [options]} prints one JSON line
 * {@code {"baseUrl":..., "token":..., "organization":...}} when ready, then serves until killed.
 * {@code java -jar sentry-simulator.jar churn|grow --url BASE_URL ...} changes a running simulator's organization
 * or data (see {@link ControlClient}).
 */
public final class Main {
    /** The usage text. */
    public static final String USAGE = "usage: java -jar sentry-simulator.jar [--port N] [--seed N] [--members N] "
            + "[--teams N] [--projects N] [--latency-ms N] [--token T] [--org SLUG] [--issues-per-project N] "
            + "[--events-per-issue N] [--no-rate-limits] [--rate-limit N --concurrency-limit N] "
            + "[--events-ignore-dates]\n"
            + ControlClient.USAGE;

    /** What {@code --help} prints: the usage line and every option. */
    public static final String HELP = USAGE + """

            A local Sentry Web API for tests, the demo and benchmarks. When ready it prints one JSON line,
            {"baseUrl":..., "token":..., "organization":...}, then serves until killed (Ctrl-C).

              --port N                the port on 127.0.0.1 (default 0: any free port)
              --seed N                the seed of the generated organization (same seed, same data)
              --members N             members of the organization
              --teams N               teams
              --projects N            projects
              --issues-per-project N  issues of each project
              --events-per-issue N    events of each issue
              --latency-ms N          delay added to every response
              --token T               the token that is accepted
              --org SLUG              the organization's slug
              --no-rate-limits        no rate limit at all
              --rate-limit N          requests per second per endpoint (default: Sentry SaaS's limits)
              --concurrency-limit N   concurrent requests per endpoint
              --events-ignore-dates   project events ignore start/end, like self-hosted before mid-2025
              --help, -h              this text

            churn and grow change the data of a running simulator (see sentry-simulator/README.md).
            """;

    private Main() {
    }

    /** A bad command line. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Runs until killed. Exit code 2 on a usage error. */
    public static void main(String[] args) throws InterruptedException {
        if (ControlClient.isCommand(args)) {
            System.exit(ControlClient.run(args, System.out, System.err));
            return;
        }
        if (helpRequested(args)) {
            System.out.print(HELP);
            System.out.flush();
            System.exit(0);
            return;
        }
        SentrySimulator sim;
        try {
            sim = start(args, System.out);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close, "sentry-simulator-shutdown"));
        forever.await();
    }

    /** @return whether the arguments ask for the help text (which then exits 0, not as a usage error) */
    public static boolean helpRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** Parses the arguments, starts a simulator and prints the ready line to {@code out}. */
    public static SentrySimulator start(String[] args, PrintStream out) {
        SimulatorOptions options = parse(args);
        SentrySimulator sim = SentrySimulator.start(options);
        ObjectNode line = new ObjectMapper().createObjectNode();
        line.put("baseUrl", sim.baseUrl());
        line.put("token", sim.token());
        line.put("organization", sim.organization());
        out.println(line.toString());
        out.flush();
        return sim;
    }

    /** Parses the arguments into options; {@link UsageException} when malformed. */
    public static SimulatorOptions parse(String[] args) {
        SimulatorOptions.Builder b = SimulatorOptions.builder();
        boolean noRateLimits = false;
        int rateLimit = -1;
        int concurrencyLimit = -1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--no-rate-limits" -> noRateLimits = true;
                case "--events-ignore-dates" -> b.projectEventsIgnoreDates(true);
                case "--help", "-h" -> throw new UsageException("help requested");
                case "--port", "--seed", "--members", "--teams", "--projects", "--latency-ms", "--token", "--org",
                     "--issues-per-project", "--events-per-issue", "--rate-limit", "--concurrency-limit" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException(a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--port" -> b.port(intArg(a, v));
                        case "--seed" -> b.seed(longArg(a, v));
                        case "--members" -> b.members(intArg(a, v));
                        case "--teams" -> b.teams(intArg(a, v));
                        case "--projects" -> b.projects(intArg(a, v));
                        case "--latency-ms" -> b.latency(Duration.ofMillis(intArg(a, v)));
                        case "--token" -> b.defaultToken(v);
                        case "--org" -> b.organizationSlug(v);
                        case "--issues-per-project" -> b.issuesPerProject(intArg(a, v));
                        case "--events-per-issue" -> b.eventsPerIssue(intArg(a, v));
                        case "--rate-limit" -> rateLimit = intArg(a, v);
                        default -> concurrencyLimit = intArg(a, v);
                    }
                }
                default -> throw new UsageException("unknown argument: " + a);
            }
        }
        if (noRateLimits && (rateLimit > 0 || concurrencyLimit > 0)) {
            throw new UsageException("--no-rate-limits excludes --rate-limit and --concurrency-limit");
        }
        if (noRateLimits) {
            b.rateLimits(RateLimitPolicy.disabled());
        } else if (rateLimit > 0 || concurrencyLimit > 0) {
            RateLimitPolicy saas = RateLimitPolicy.saas();
            b.rateLimits(RateLimitPolicy.uniform(rateLimit > 0 ? rateLimit : saas.defaults().limit(),
                    Duration.ofSeconds(1), concurrencyLimit > 0 ? concurrencyLimit : saas.defaults().concurrentLimit()));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int intArg(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new UsageException(name + " must be >= 0: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number: " + value);
        }
    }

    private static long longArg(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number: " + value);
        }
    }
}
