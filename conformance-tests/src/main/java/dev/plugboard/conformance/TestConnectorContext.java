package dev.plugboard.conformance;

import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.Progress;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ConnectorContext} for a plugin author's own tests: the clock and limits the test chooses, and a record
 * of what the connector told the host (log lines, requests by operation, retries, status lines), which the test
 * can assert on. {@link #cancel()} makes {@link Cancellation#isCancelled()} true, the way the host's Ctrl-C does.
 * Thread-safe: a connector may report from any thread.
 *
 * <pre>{@code
 * TestConnectorContext context = TestConnectorContext.builder().maxConcurrency(4).build();
 * Connector connector = new MyConnectorProvider().open(config, context);
 * ...
 * assertEquals(3, context.requests("GET /users"));
 * assertEquals(List.of(), context.retries());
 * }</pre>
 */
public final class TestConnectorContext implements ConnectorContext {
    /** The limits of {@link #create()}: 8 calls at once, 10 seconds per call. */
    public static final Limits DEFAULT_LIMITS = new Limits(8, Duration.ofSeconds(10));

    private final Clock clock;
    private final Limits limits;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();
    private final List<String> statuses = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ConnectorLogger logger = new RecordingLogger();
    private final Progress progress = new RecordingProgress();

    private TestConnectorContext(Clock clock, Limits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return a context with the system UTC clock and {@link #DEFAULT_LIMITS} */
    public static TestConnectorContext create() {
        return builder().build();
    }

    /** @return a builder starting from the system UTC clock and {@link #DEFAULT_LIMITS} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ConnectorLogger logger() {
        return logger;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Progress progress() {
        return progress;
    }

    @Override
    public Cancellation cancellation() {
        return cancelled::get;
    }

    /** Asks the connector to stop, as the host does on Ctrl-C: {@code cancellation().isCancelled()} is then true. */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * @param operation an operation name as the connector reports it to {@link Progress#requestCompleted(String)}
     * @return how many requests of that operation completed
     */
    public int requests(String operation) {
        AtomicInteger n = requests.get(operation);
        return n == null ? 0 : n.get();
    }

    /** @return every operation reported and how many requests of it completed, sorted by operation */
    public Map<String, Integer> requestsByOperation() {
        Map<String, Integer> copy = new TreeMap<>();
        requests.forEach((operation, n) -> copy.put(operation, n.get()));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the requests completed, all operations together */
    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return the reasons of every retry reported, in order (e.g. {@code 429}) */
    public List<String> retries() {
        return List.copyOf(retries);
    }

    /** @return the status lines reported, in order */
    public List<String> statuses() {
        return List.copyOf(statuses);
    }

    /** @return every log line in order, prefixed by its level: {@code DEBUG }, {@code INFO } or {@code WARN } */
    public List<String> logLines() {
        return List.copyOf(logLines);
    }

    /** Chooses the clock and limits; anything not set keeps the default. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Limits limits = DEFAULT_LIMITS;

        private Builder() {
        }

        /** @param value the clock the connector reads time from (a fixed one pins "now") */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @param value the limits the connector must stay within */
        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** @param value the most calls in flight at once; the request timeout stays as it is */
        public Builder maxConcurrency(int value) {
            this.limits = new Limits(value, limits.requestTimeout());
            return this;
        }

        /** @return the context */
        public TestConnectorContext build() {
            return new TestConnectorContext(clock, limits);
        }
    }

    private final class RecordingLogger implements ConnectorLogger {
        @Override
        public void debug(String message) {
            logLines.add("DEBUG " + message);
        }

        @Override
        public void info(String message) {
            logLines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            logLines.add("WARN " + message);
        }
    }

    private final class RecordingProgress implements Progress {
        @Override
        public void requestCompleted(String operation) {
            requests.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void requestRetried(String reason) {
            retries.add(reason);
        }

        @Override
        public void status(String message) {
            statuses.add(message);
        }
    }
}
