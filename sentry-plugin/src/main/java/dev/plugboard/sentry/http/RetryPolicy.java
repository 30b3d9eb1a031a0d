package dev.plugboard.sentry.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Bounded exponential backoff with jitter for failures worth retrying (5xx, connection resets, timeouts, malformed
 * bodies). Attempt {@code n} (1-based) that failed waits a random time between half and all of
 * {@code min(maxDelay, baseDelay * 2^(n-1))} ("equal jitter"), so clients that failed together do not retry together.
 *
 * @param maxAttempts how many times one request is sent at most (the first try included)
 * @param baseDelay   the wait after the first failure, before jitter
 * @param maxDelay    the longest wait between two tries
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay, got " + baseDelay + " and " + maxDelay);
        }
    }

    /** @return 5 tries, 0.5 s doubling up to 10 s */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    /**
     * @param failedAttempt the 1-based attempt that just failed
     * @return whether another attempt may be made
     */
    boolean mayRetry(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }

    /**
     * @param failedAttempt the 1-based attempt that just failed
     * @param random        uniform numbers in [0, 1)
     * @return how long to wait before the next attempt
     */
    Duration backoff(int failedAttempt, DoubleSupplier random) {
        long base = baseDelay.toMillis();
        int shift = Math.min(30, Math.max(0, failedAttempt - 1));
        long ceiling = Math.min(maxDelay.toMillis(), base << shift < 0 ? Long.MAX_VALUE : base << shift);
        double factor = 0.5 + 0.5 * Math.min(1.0, Math.max(0.0, random.getAsDouble()));
        return Duration.ofMillis(Math.round(ceiling * factor));
    }
}
