package dev.plugboard.simulator.faults;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A fault to inject into requests whose path (without query) matches a regex ({@code find}), optionally only for
 * the next N matching requests. Build with the static factories, then {@link #times(int)} to limit it.
 */
public record FaultRule(Pattern path, FaultKind kind, int status, Duration minLatency, Duration maxLatency,
                        OptionalInt times) {

    /** Checks every component. */
    public FaultRule {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        if (kind == FaultKind.SERVER_ERROR && (status < 500 || status > 599)) {
            throw new IllegalArgumentException("server errors are 5xx: " + status);
        }
        if (minLatency.isNegative() || maxLatency.compareTo(minLatency) < 0) {
            throw new IllegalArgumentException("latency range must be 0 <= min <= max");
        }
        Objects.requireNonNull(times, "times");
        if (times.isPresent() && times.getAsInt() < 1) {
            throw new IllegalArgumentException("times must be >= 1");
        }
    }

    private static FaultRule of(String regex, FaultKind kind) {
        return new FaultRule(Pattern.compile(regex), kind, 0, Duration.ZERO, Duration.ZERO, OptionalInt.empty());
    }

    /** A 5xx answer (500, 502, 503, 504) with Sentry's 500 body. */
    public static FaultRule serverError(String pathRegex, int status) {
        return new FaultRule(Pattern.compile(pathRegex), FaultKind.SERVER_ERROR, status, Duration.ZERO,
                Duration.ZERO, OptionalInt.empty());
    }

    /** A connection reset. */
    public static FaultRule connectionReset(String pathRegex) {
        return of(pathRegex, FaultKind.CONNECTION_RESET);
    }

    /** A 200 followed by a malformed chunk. */
    public static FaultRule malformedChunk(String pathRegex) {
        return of(pathRegex, FaultKind.MALFORMED_CHUNK);
    }

    /** A connection closed without response. */
    public static FaultRule emptyResponse(String pathRegex) {
        return of(pathRegex, FaultKind.EMPTY_RESPONSE);
    }

    /** A fixed delay. */
    public static FaultRule latency(String pathRegex, Duration delay) {
        return new FaultRule(Pattern.compile(pathRegex), FaultKind.LATENCY, 0, delay, delay, OptionalInt.empty());
    }

    /** A random delay in [min, max]. */
    public static FaultRule latency(String pathRegex, Duration min, Duration max) {
        return new FaultRule(Pattern.compile(pathRegex), FaultKind.LATENCY, 0, min, max, OptionalInt.empty());
    }

    /** A body that is not valid JSON. */
    public static FaultRule malformedJson(String pathRegex) {
        return of(pathRegex, FaultKind.MALFORMED_JSON);
    }

    /** A body cut in half. */
    public static FaultRule truncatedBody(String pathRegex) {
        return of(pathRegex, FaultKind.TRUNCATED_BODY);
    }

    /** The next {@code n} matching requests get 429. */
    public static FaultRule rateLimitBurst(String pathRegex, int n) {
        return of(pathRegex, FaultKind.RATE_LIMITED).times(n);
    }

    /** A copy applied only to the next {@code n} matching requests. */
    public FaultRule times(int n) {
        return new FaultRule(path, kind, status, minLatency, maxLatency, OptionalInt.of(n));
    }
}
