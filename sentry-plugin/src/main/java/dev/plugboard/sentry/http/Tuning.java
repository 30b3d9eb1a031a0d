package dev.plugboard.sentry.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the HTTP layer that are not configuration: fixed in production, shortened in tests.
 *
 * @param retryPolicy       backoff for 5xx, resets, timeouts and malformed bodies
 * @param rateLimitWaits    how many times one request may be answered 429 and waited for before failing
 * @param maxRateLimitWait  the longest single wait for a rate-limit window; longer ones fail as RATE_LIMITED
 * @param resetMargin       how long after a window's announced reset the next request is sent (clock skew)
 */
public record Tuning(RetryPolicy retryPolicy, int rateLimitWaits, Duration maxRateLimitWait, Duration resetMargin) {

    public Tuning {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        Objects.requireNonNull(resetMargin, "resetMargin");
        if (rateLimitWaits < 0) {
            throw new IllegalArgumentException("rateLimitWaits must not be negative");
        }
    }

    /** @return production values */
    public static Tuning defaults() {
        return new Tuning(RetryPolicy.standard(), 8, Duration.ofMinutes(2), Duration.ofMillis(100));
    }
}
