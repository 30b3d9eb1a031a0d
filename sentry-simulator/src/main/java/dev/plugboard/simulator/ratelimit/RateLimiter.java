package dev.plugboard.simulator.ratelimit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window and concurrency limits per caller and endpoint, as Sentry's rate-limit middleware: every request
 * counts in its window; a request over either limit gets 429. The caller is the key the engine gives: per user for
 * user tokens, per organization for integration tokens (getsentry/sentry {@code src/sentry/ratelimits/utils.py},
 * {@code get_rate_limit_key}: a sentry app's proxy user is keyed {@code org:<id>}). Thread-safe.
 */
public final class RateLimiter {
    private final RateLimitPolicy policy;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** A limiter enforcing a policy. */
    public RateLimiter(RateLimitPolicy policy) {
        this.policy = policy;
    }

    /** The policy. */
    public RateLimitPolicy policy() {
        return policy;
    }

    /** Why a request was refused, or that it was not. */
    public enum Verdict {
        /** Allowed. */
        ALLOWED,
        /** Over the fixed-window limit. */
        WINDOW,
        /** Over the concurrency limit. */
        CONCURRENCY
    }

    /** A decision: the verdict, the headers to send and the slot to release when the response is done. */
    public record Decision(Verdict verdict, Map<String, String> headers, String detail, Runnable release) {
    }

    private static final class Window {
        final long start;
        final AtomicInteger count = new AtomicInteger();

        Window(long start) {
            this.start = start;
        }
    }

    /** Counts a request of a caller (not an integration token) to a route ({@code METHOD template}) at an instant. */
    public Decision acquire(String caller, String routeKey, Instant now) {
        return acquire(caller, routeKey, false, now);
    }

    /** Counts a request of a caller to a route at an instant; {@code integration}: an integration token's limits. */
    public Decision acquire(String caller, String routeKey, boolean integration, Instant now) {
        if (!policy.enabled()) {
            return new Decision(Verdict.ALLOWED, Map.of(), "", () -> { });
        }
        RateLimitPolicy.EndpointLimit limit = policy.limitFor(routeKey, integration);
        String key = caller + "\u0000" + routeKey;
        long windowMillis = limit.window().toMillis();
        long windowStart = Math.floorDiv(now.toEpochMilli(), windowMillis) * windowMillis;
        Window w = windows.compute(key, (k, old) -> old == null || old.start != windowStart ? new Window(windowStart)
                : old);
        int count = w.count.incrementAndGet();
        long reset = (windowStart + windowMillis) / 1000;
        AtomicInteger running = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Sentry-Rate-Limit-Limit", String.valueOf(limit.limit()));
        headers.put("X-Sentry-Rate-Limit-Remaining", String.valueOf(Math.max(0, limit.limit() - count)));
        headers.put("X-Sentry-Rate-Limit-Reset", String.valueOf(reset));
        headers.put("X-Sentry-Rate-Limit-ConcurrentLimit", String.valueOf(limit.concurrentLimit()));
        if (count > limit.limit()) {
            headers.put("X-Sentry-Rate-Limit-ConcurrentRemaining",
                    String.valueOf(Math.max(0, limit.concurrentLimit() - running.get())));
            return new Decision(Verdict.WINDOW, headers, "You are attempting to use this endpoint too frequently. "
                    + "Limit is " + limit.limit() + " requests in " + limit.window().getSeconds() + " seconds",
                    () -> { });
        }
        int concurrent = running.incrementAndGet();
        if (concurrent > limit.concurrentLimit()) {
            running.decrementAndGet();
            headers.put("X-Sentry-Rate-Limit-ConcurrentRemaining", "0");
            return new Decision(Verdict.CONCURRENCY, headers, "You are attempting to go above the allowed "
                    + "concurrency for this endpoint. Concurrency limit is " + limit.concurrentLimit(), () -> { });
        }
        headers.put("X-Sentry-Rate-Limit-ConcurrentRemaining", String.valueOf(limit.concurrentLimit() - concurrent));
        return new Decision(Verdict.ALLOWED, headers, "", running::decrementAndGet);
    }
}
