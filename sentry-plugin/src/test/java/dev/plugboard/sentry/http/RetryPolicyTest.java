package dev.plugboard.sentry.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(10));

    @Test
    void backoffDoublesWithinJitterBoundsAndIsCapped() {
        assertEquals(Duration.ofMillis(250), policy.backoff(1, () -> 0.0));
        assertEquals(Duration.ofMillis(500), policy.backoff(1, () -> 1.0));
        assertEquals(Duration.ofMillis(500), policy.backoff(2, () -> 0.0));
        assertEquals(Duration.ofMillis(4000), policy.backoff(4, () -> 1.0));
        assertEquals(Duration.ofSeconds(10), policy.backoff(6, () -> 1.0));
        assertEquals(Duration.ofSeconds(10), policy.backoff(40, () -> 1.0));
        assertEquals(Duration.ofSeconds(5), policy.backoff(40, () -> 0.0));
    }

    @Test
    void attemptsAreBounded() {
        assertTrue(policy.mayRetry(4));
        assertFalse(policy.mayRetry(5));
    }
}
