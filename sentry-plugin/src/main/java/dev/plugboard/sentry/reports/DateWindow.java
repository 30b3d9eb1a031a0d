package dev.plugboard.sentry.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The time window [start, end) of a report, set the way BI users set it, in exactly one of these forms:
 * <ul>
 *   <li>{@code date}: one UTC day, {@code YYYY-MM-DD} (up to now, for today);</li>
 *   <li>{@code daysBack}: the last N × 24 hours, N from 1 to 90;</li>
 *   <li>{@code start} and {@code end}: each a UTC date or a number of days back (0 to 90); a start date
 *       counts from its first instant, an end date includes the whole day (up to now); N days back is now − N × 24 h;</li>
 *   <li>none: the last {@value #DEFAULT_DAYS} days.</li>
 * </ul>
 * Sentry keeps events for 90 days: a window starting before the first UTC day of retention is refused; one whose
 * start falls on that day is sent from exactly 90 days back.
 *
 * @param start the first instant
 * @param end   the instant after the last
 */
record DateWindow(Instant start, Instant end) {
    /** Sentry's retention in days. */
    static final int RETENTION_DAYS = 90;
    /** The window when no parameter sets one. */
    static final int DEFAULT_DAYS = 14;
    /** An ISO date. */
    static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    /** 0 to 90, as text. */
    static final String DAYS_PATTERN = "^(90|[1-8]?[0-9])$";
    private static final Pattern DATE = Pattern.compile(DATE_PATTERN);
    private static final Pattern DAYS = Pattern.compile("[0-9]{1,9}");

    DateWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("start must be before end");
        }
    }

    /**
     * @param params the report's parameters
     * @param now    the host clock's now
     * @return the window the parameters set
     * @throws dev.plugboard.spi.ConnectorException INVALID_REQUEST naming the parameter at fault
     */
    static DateWindow from(ReportParams params, Instant now) {
        boolean date = params.has("date");
        boolean days = params.has("daysBack");
        boolean range = params.has("start") || params.has("end");
        int forms = (date ? 1 : 0) + (days ? 1 : 0) + (range ? 1 : 0);
        if (forms > 1) {
            throw Problems.invalid("parameters 'date', 'daysBack' and 'start'/'end' are three ways to set the date"
                    + " window: give only one of them");
        }
        Instant earliest = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(RETENTION_DAYS));
        Instant start;
        Instant end;
        String startName;
        if (date) {
            LocalDate d = date("date", params.values().get("date"));
            start = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            end = min(d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), now);
            startName = "date";
            if (!start.isBefore(now)) {
                throw Problems.parameter("date", d + " is in the future (now is " + now + ")");
            }
        } else if (days) {
            int n = days("daysBack", params.values().get("daysBack"));
            if (n < 1) {
                throw Problems.parameter("daysBack", "must be at least 1");
            }
            start = now.minus(Duration.ofDays(n));
            end = now;
            startName = "daysBack";
        } else if (range) {
            if (!params.has("start") || !params.has("end")) {
                throw Problems.parameter(params.has("start") ? "end" : "start", "'start' and 'end' go together: give"
                        + " both, each a date (YYYY-MM-DD) or a number of days back");
            }
            start = bound("start", params.values().get("start"), now, false);
            end = bound("end", params.values().get("end"), now, true);
            startName = "start";
            if (!start.isBefore(now)) {
                throw Problems.parameter("start", start + " is not in the past (now is " + now + ")");
            }
            if (!start.isBefore(end)) {
                throw Problems.parameter("end", "the window ends (" + end + ") before it starts (" + start
                        + "): set end after start");
            }
        } else {
            return new DateWindow(now.minus(Duration.ofDays(DEFAULT_DAYS)), now);
        }
        if (start.isBefore(earliest)) {
            throw Problems.parameter(startName, "the window starts " + start + ", beyond Sentry's " + RETENTION_DAYS
                    + "-day retention (the earliest day is " + earliest.toString().substring(0, 10)
                    + "): choose a later start");
        }
        Instant floor = now.minus(Duration.ofDays(RETENTION_DAYS));
        return new DateWindow(start.isBefore(floor) ? floor : start, end);
    }

    private static Instant bound(String name, Object value, Instant now, boolean isEnd) {
        Optional<LocalDate> d = value instanceof String s && DATE.matcher(s.strip()).matches()
                ? Optional.of(date(name, s)) : Optional.empty();
        if (d.isPresent()) {
            LocalDate day = isEnd ? d.get().plusDays(1) : d.get();
            Instant t = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            return isEnd ? min(t, now) : t;
        }
        return now.minus(Duration.ofDays(days(name, value)));
    }

    private static LocalDate date(String name, Object value) {
        if (!(value instanceof String s) || !DATE.matcher(s.strip()).matches()) {
            throw Problems.parameter(name, "must be a date as YYYY-MM-DD, got " + ReportParams.describe(value));
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw Problems.parameter(name, "'" + s.strip() + "' is not a valid date (YYYY-MM-DD)");
        }
    }

    private static int days(String name, Object value) {
        long n;
        if (value instanceof String s && DAYS.matcher(s.strip()).matches()) {
            n = Long.parseLong(s.strip());
        } else if (value != null && ReportParams.isWhole(value)) {
            n = new java.math.BigDecimal(value.toString()).longValue();
        } else {
            throw Problems.parameter(name, "must be a date (YYYY-MM-DD) or a whole number of days back, got "
                    + ReportParams.describe(value));
        }
        if (n < 0) {
            throw Problems.parameter(name, "a number of days back cannot be negative, got " + n);
        }
        if (n > RETENTION_DAYS) {
            throw Problems.parameter(name, n + " days back is beyond Sentry's " + RETENTION_DAYS
                    + "-day retention: use at most " + RETENTION_DAYS);
        }
        return (int) n;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * @param lowerBound an incremental run's lower bound
     * @return this window, starting at the lower bound when that is later; empty when the window ends before it
     */
    Optional<DateWindow> from(Instant lowerBound) {
        if (!lowerBound.isBefore(end)) {
            return Optional.empty();
        }
        return Optional.of(lowerBound.isAfter(start) ? new DateWindow(lowerBound, end) : this);
    }

    /** @return whether the instant is in [start, end) */
    boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
