package dev.plugboard.simulator.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Rate limits: a default fixed window and concurrency limit per token and endpoint, with overrides per route
 * template (e.g. {@code GET /api/0/projects/{org}/{project}/events/}). Disabled means self-hosted: no headers, no 429.
 */
public record RateLimitPolicy(boolean enabled, EndpointLimit defaults, Map<String, EndpointLimit> overrides) {

    /** The project events route, limited to 60 per 60 s and 1 concurrent on SaaS. */
    public static final String PROJECT_EVENTS = "GET /api/0/projects/{org}/{project}/events/";

    /** Checks every component and copies the map. */
    public RateLimitPolicy {
        Objects.requireNonNull(defaults, "defaults");
        overrides = Map.copyOf(overrides);
    }

    /** SaaS-like: 40 requests per 1 s window and 25 concurrent; project events 60 per 60 s and 1 concurrent. */
    public static RateLimitPolicy saas() {
        return new RateLimitPolicy(true, new EndpointLimit(40, Duration.ofSeconds(1), 25),
                Map.of(PROJECT_EVENTS, new EndpointLimit(60, Duration.ofSeconds(60), 1)));
    }

    /** Self-hosted: no rate limits, no headers. */
    public static RateLimitPolicy disabled() {
        return new RateLimitPolicy(false, new EndpointLimit(1, Duration.ofSeconds(1), 1), Map.of());
    }

    /** The same limit for every endpoint, no overrides. */
    public static RateLimitPolicy uniform(int limit, Duration window, int concurrentLimit) {
        return new RateLimitPolicy(true, new EndpointLimit(limit, window, concurrentLimit), Map.of());
    }

    /** The limit that applies to a route key ({@code METHOD template}). */
    public EndpointLimit limitFor(String routeKey) {
        return overrides.getOrDefault(routeKey, defaults);
    }

    /** A copy with one more override. */
    public RateLimitPolicy withOverride(String routeKey, EndpointLimit limit) {
        var copy = new java.util.HashMap<>(overrides);
        copy.put(routeKey, limit);
        return new RateLimitPolicy(enabled, defaults, copy);
    }

    /** A fixed-window limit and a concurrency limit. */
    public record EndpointLimit(int limit, Duration window, int concurrentLimit) {
        /** Checks every component. */
        public EndpointLimit {
            if (limit < 1 || concurrentLimit < 1) {
                throw new IllegalArgumentException("limits must be >= 1");
            }
            if (window.isNegative() || window.isZero() || window.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("window must be a positive whole number of seconds");
            }
        }
    }
}
