package dev.plugboard.sentry.http;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the times Sentry names ({@code Retry-After}, {@code X-Sentry-Rate-Limit-Reset}) without believing
 * absurd ones. A value that is not a finite number of seconds (or an HTTP date for {@code Retry-After}), is
 * negative, or lies more than {@link #BELIEVABLE} away counts as not given: {@code 1e308}, {@code Infinity},
 * {@code NaN}, {@code -5}, a date in the year 9999 and garbage all become "no time said", which the callers turn
 * into a bounded wait (a backoff, or at most {@link #LONGEST_WINDOW} for a window).
 */
public final class Waits {
    /** The furthest time a header may name and still be believed. */
    static final Duration BELIEVABLE = Duration.ofDays(1);
    /**
     * Sentry's longest rate-limit window (60 requests per 60 s on the project events list, sentry-api.md): an
     * announced reset further away than this means a server clock ahead of ours (or a hostile server), so the
     * window is taken to end after this long.
     */
    static final Duration LONGEST_WINDOW = Duration.ofSeconds(60);

    private Waits() {
    }

    /**
     * @param value a number of seconds, e.g. {@code 2} or {@code 0.5}
     * @return the duration, when it is a finite number of seconds between 0 and {@link #BELIEVABLE}
     */
    static Optional<Duration> seconds(String value) {
        Optional<Double> d = number(value);
        if (d.isEmpty() || d.get() < 0 || d.get() > BELIEVABLE.toSeconds()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(d.get() * 1000)));
    }

    /**
     * @param value epoch seconds, e.g. {@code 1767225600}
     * @return the instant, when the value is a finite number that an {@link Instant} can hold
     */
    static Optional<Instant> epochSeconds(String value) {
        Optional<Double> d = number(value);
        if (d.isEmpty() || Math.abs(d.get()) > 1e15) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Math.round(d.get() * 1000)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param header a {@code Retry-After} value: seconds or an HTTP date
     * @param now    the current time
     * @return when to try again, when the header names a believable time (at most {@link #BELIEVABLE} ahead)
     */
    static Optional<Instant> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (number(header).isPresent()) {
            return seconds(header).map(now::plus);
        }
        try {
            Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now.plus(BELIEVABLE)) ? Optional.empty() : Optional.of(at);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * @param reset         a window's announced end
     * @param now           the current time
     * @param longestWindow the longest window believed ({@link #LONGEST_WINDOW} in production)
     * @return the end, or {@code now + longestWindow} when it is announced further away than that
     */
    static Instant credibleReset(Instant reset, Instant now, Duration longestWindow) {
        Instant latest = now.plus(longestWindow);
        return reset.isAfter(latest) ? latest : reset;
    }

    /** @return e.g. "42 s" or "2 min 5 s" */
    public static String describe(Duration d) {
        long s = Math.max(d.isZero() ? 0 : 1, (d.toMillis() + 500) / 1000);
        return s < 60 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    private static Optional<Double> number(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            double d = Double.parseDouble(value.trim());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
