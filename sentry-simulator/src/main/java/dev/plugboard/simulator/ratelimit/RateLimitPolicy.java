package dev.plugboard.simulator.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Rate limits: a default fixed window and concurrency limit per caller and endpoint, with overrides per route
 * template (e.g. {@code GET /api/0/projects/{org}/{project}/events/}) and overrides that apply only to integration
 * tokens, whose limits Sentry keys per organization (its {@code RateLimitCategory.ORGANIZATION}). Disabled means
 * self-hosted: no headers, no 429.
 */
public record RateLimitPolicy(boolean enabled, EndpointLimit defaults, Map<String, EndpointLimit> overrides,
                              Map<String, EndpointLimit> organizationOverrides) {

    /** The project events route, limited to 60 per 60 s and 1 concurrent on SaaS. */
    public static final String PROJECT_EVENTS = "GET /api/0/projects/{org}/{project}/events/";
    /**
     * The project users route: 5 per 60 s for integration tokens (getsentry/sentry
     * {@code src/sentry/core/endpoints/project_users.py}: {@code RateLimitCategory.ORGANIZATION: RateLimit(5, 60)}).
     */
    public static final String PROJECT_USERS = "GET /api/0/projects/{org}/{project}/users/";

    /** Checks every component and copies the maps. */
    public RateLimitPolicy {
        Objects.requireNonNull(defaults, "defaults");
        overrides = Map.copyOf(overrides);
        organizationOverrides = Map.copyOf(organizationOverrides);
    }

    /** Overrides for every caller, none for integration tokens only. */
    public RateLimitPolicy(boolean enabled, EndpointLimit defaults, Map<String, EndpointLimit> overrides) {
        this(enabled, defaults, overrides, Map.of());
    }

    /**
     * SaaS-like: 40 requests per 1 s window and 25 concurrent; project events 60 per 60 s and 1 concurrent; project
     * users 5 per 60 s for integration tokens.
     */
    public static RateLimitPolicy saas() {
        return new RateLimitPolicy(true, new EndpointLimit(40, Duration.ofSeconds(1), 25),
                Map.of(PROJECT_EVENTS, new EndpointLimit(60, Duration.ofSeconds(60), 1)),
                Map.of(PROJECT_USERS, new EndpointLimit(5, Duration.ofSeconds(60), 25)));
    }

    /** Self-hosted: no rate limits, no headers. */
    public static RateLimitPolicy disabled() {
        return new RateLimitPolicy(false, new EndpointLimit(1, Duration.ofSeconds(1), 1), Map.of());
    }

    /** The same limit for every endpoint, no overrides. */
    public static RateLimitPolicy uniform(int limit, Duration window, int concurrentLimit) {
        return new RateLimitPolicy(true, new EndpointLimit(limit, window, concurrentLimit), Map.of());
    }

    /** The limit that applies to a route key ({@code METHOD template}) for a user's token. */
    public EndpointLimit limitFor(String routeKey) {
        return overrides.getOrDefault(routeKey, defaults);
    }

    /** The limit that applies to a route key for an integration token ({@code integration}) or another token. */
    public EndpointLimit limitFor(String routeKey, boolean integration) {
        if (integration && organizationOverrides.containsKey(routeKey)) {
            return organizationOverrides.get(routeKey);
        }
        return limitFor(routeKey);
    }

    /** A copy with one more override. */
    public RateLimitPolicy withOverride(String routeKey, EndpointLimit limit) {
        var copy = new java.util.HashMap<>(overrides);
        copy.put(routeKey, limit);
        return new RateLimitPolicy(enabled, defaults, copy, organizationOverrides);
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
