package dev.plugboard.sentry.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Knobs of the HTTP layer that are not configuration: fixed in production, shortened in tests. Together they bound
 * how long one request may take: at most {@code retryPolicy.maxAttempts()} tries for 5xx, resets, timeouts and
 * malformed bodies, at most {@code rateLimitWaits} waits for a rate-limit window, no single wait longer than
 * {@code maxRateLimitWait}, and never more than {@code callBudget} of waiting in all (each try itself is bounded by
 * the request timeout).
 *
 * @param retryPolicy       backoff for 5xx, resets, timeouts and malformed bodies
 * @param rateLimitWaits    how many times one request may be answered 429 and waited for before failing
 * @param maxRateLimitWait  the longest single wait for a rate-limit window; longer ones fail as RATE_LIMITED
 * @param resetMargin       how long after a window's announced reset the next request is sent (clock skew)
 * @param callBudget        the most time one request may spend waiting (backoff and rate-limit windows) in all
 * @param announceAfter     waits longer than this are told to the person running the host (log and status)
 * @param longestWindow     the longest rate-limit window believed: a reset announced further ahead (a server clock
 *                          ahead of ours, or an absurd value) is taken to come after this long
 */
public record Tuning(RetryPolicy retryPolicy, int rateLimitWaits, Duration maxRateLimitWait, Duration resetMargin,
                     Duration callBudget, Duration announceAfter, Duration longestWindow) {

    /** Checks every component. */
    public Tuning {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        Objects.requireNonNull(resetMargin, "resetMargin");
        Objects.requireNonNull(callBudget, "callBudget");
        Objects.requireNonNull(announceAfter, "announceAfter");
        Objects.requireNonNull(longestWindow, "longestWindow");
        if (rateLimitWaits < 0) {
            throw new IllegalArgumentException("rateLimitWaits must not be negative");
        }
        if (maxRateLimitWait.isNegative() || callBudget.isNegative() || announceAfter.isNegative()
                || longestWindow.isNegative()) {
            throw new IllegalArgumentException("waits must not be negative");
        }
    }

    /**
     * With the production call budget (5 minutes), announcement threshold (5 seconds) and longest window (Sentry's
     * longest, {@link Waits#LONGEST_WINDOW}).
     */
    public Tuning(RetryPolicy retryPolicy, int rateLimitWaits, Duration maxRateLimitWait, Duration resetMargin) {
        this(retryPolicy, rateLimitWaits, maxRateLimitWait, resetMargin, Duration.ofMinutes(5), Duration.ofSeconds(5),
                Waits.LONGEST_WINDOW);
    }

    /**
     * @return production values: 5 tries (0.5 s doubling to 10 s), 8 rate-limit waits of at most 2 minutes each,
     *     5 minutes of waiting per request in all, waits over 5 seconds announced, windows believed up to 60 s
     */
    public static Tuning defaults() {
        return new Tuning(RetryPolicy.standard(), 8, Duration.ofMinutes(2), Duration.ofMillis(100));
    }
}
