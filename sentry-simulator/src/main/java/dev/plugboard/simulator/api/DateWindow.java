package dev.plugboard.simulator.api;

import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A half-open time window [start, end) from {@code statsPeriod} or {@code start}+{@code end}, as Sentry reads them. */
public record DateWindow(Instant start, Instant end) {
    private static final Pattern PERIOD = Pattern.compile("(\\d+)([smhdw]?)");

    /** The window of a request, or the default period before {@code now}. */
    public static DateWindow of(ApiRequest request, Instant now, Duration defaultPeriod) {
        Optional<String> start = request.param("start").filter(s -> !s.isBlank());
        Optional<String> end = request.param("end").filter(s -> !s.isBlank());
        Optional<String> period = request.param("statsPeriod").filter(s -> !s.isBlank());
        if (start.isPresent() != end.isPresent()) {
            throw ApiError.badRequest("start and end are both required");
        }
        if (start.isPresent()) {
            Instant s = instant(start.get());
            Instant e = instant(end.get());
            if (!s.isBefore(e)) {
                throw ApiError.badRequest("start must be before end");
            }
            return new DateWindow(s, e);
        }
        Duration d = period.map(DateWindow::period).orElse(defaultPeriod);
        return new DateWindow(now.minus(d), now);
    }

    /** Parses {@code 14d}, {@code 24h}, {@code 30m}, {@code 2w}, {@code 90s} (no unit: seconds). */
    public static Duration period(String text) {
        Matcher m = PERIOD.matcher(text.trim());
        if (!m.matches()) {
            throw ApiError.badRequest("Invalid statsPeriod: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** Parses an ISO instant, a local date-time (UTC) or a date; 400 otherwise. */
    public static Instant instant(String text) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("Invalid date: " + text);
        }
    }

    /** Whether an instant falls in [start, end). */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
