package dev.plugboard.sentry;

import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.Progress;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A host context for tests: counts requests and retries, records log lines. */
final class TestContext implements ConnectorContext {
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final List<String> retries = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    private final Limits limits;

    TestContext(int maxConcurrency) {
        this.limits = new Limits(maxConcurrency, Duration.ofSeconds(10));
    }

    TestContext() {
        this(8);
    }

    int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int requests(String operation) {
        AtomicInteger n = requests.get(operation);
        return n == null ? 0 : n.get();
    }

    @Override
    public ConnectorLogger logger() {
        return new ConnectorLogger() {
            @Override
            public void debug(String message) {
                logs.add("DEBUG " + message);
            }

            @Override
            public void info(String message) {
                logs.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                logs.add("WARN " + message);
            }
        };
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Progress progress() {
        return new Progress() {
            @Override
            public void requestCompleted(String operation) {
                requests.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
            }

            @Override
            public void requestRetried(String reason) {
                retries.add(reason);
            }
        };
    }

    @Override
    public Cancellation cancellation() {
        return cancelled::get;
    }

    /** Fast retries so fault tests finish quickly. */
    static Tuning fastTuning() {
        return new Tuning(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)), 5, Duration.ofSeconds(5),
                Duration.ofMillis(20));
    }
}
