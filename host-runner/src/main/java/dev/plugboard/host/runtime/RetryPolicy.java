package dev.plugboard.host.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the host retries a plugin call that failed with a retryable kind ({@code RATE_LIMITED}, {@code UNAVAILABLE}):
 * at most {@code maxAttempts} attempts in all, waiting between them exponentially longer with jitter, or as long as
 * the remote system asked ({@code retryAfter}), never longer than {@code maxRetryAfter}.
 *
 * @param maxAttempts   attempts in all, counting the first (1 disables retries)
 * @param initialDelay  the backoff before the second attempt; doubles each time
 * @param maxDelay      the longest exponential backoff
 * @param maxRetryAfter the longest wait honoured when the remote system names one
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** Checks every component. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        for (Duration d : new Duration[] {initialDelay, maxDelay, maxRetryAfter}) {
            Objects.requireNonNull(d, "delays must not be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException("delays must not be negative, got " + d);
            }
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
        }
    }

    /** @return 5 attempts, 1 s doubling to 30 s, honouring a requested wait up to 5 minutes */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** @return a policy that never retries */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * The wait before attempt {@code failedAttempt + 1}.
     *
     * @param failedAttempt the attempt that failed, from 1
     * @param retryAfter    the wait the remote system asked for, if any
     * @param random        a number in [0, 1) for the jitter
     * @return with {@code retryAfter}: that (capped at {@code maxRetryAfter}) plus up to {@code initialDelay} of
     *         jitter; else half the exponential backoff plus a random part of the other half ("equal jitter")
     */
    public Duration delay(int failedAttempt, Optional<Duration> retryAfter, double random) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("failedAttempt must be at least 1");
        }
        double r = Math.min(Math.max(random, 0), 1);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
            Duration base = asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
            return base.plusNanos((long) (initialDelay.toNanos() * r));
        }
        long backoff = initialDelay.toNanos();
        for (int i = 1; i < failedAttempt && backoff < maxDelay.toNanos(); i++) {
            backoff *= 2;
        }
        backoff = Math.min(backoff, maxDelay.toNanos());
        long half = backoff / 2;
        return Duration.ofNanos(half + (long) ((backoff - half) * r));
    }
}
