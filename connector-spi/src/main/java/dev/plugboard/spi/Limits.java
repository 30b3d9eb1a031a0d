package dev.plugboard.spi;

import java.time.Duration;

/**
 * Limits set by the host (from the command line or the descriptor's defaults) that a connector must respect.
 *
 * @param maxConcurrency the most remote calls the connector may have in flight at once
 * @param requestTimeout how long one remote call may take before it is abandoned (and perhaps retried)
 */
public record Limits(int maxConcurrency, Duration requestTimeout) {

    /** Checks every component. */
    public Limits {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, got " + maxConcurrency);
        }
        Checks.present(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
        }
    }
}
