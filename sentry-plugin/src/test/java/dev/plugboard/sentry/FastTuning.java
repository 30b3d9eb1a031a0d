package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.RetryPolicy;
import java.time.Duration;

/** Fast retries, so fault tests finish quickly. */
final class FastTuning {
    private FastTuning() {
    }

    static Tuning tuning() {
        return new Tuning(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)), 5, Duration.ofSeconds(5),
                Duration.ofMillis(20));
    }
}
