package dev.plugboard.host.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a lease's length ({@code --for 8h}) and end ({@code --until 2026-12-02T18:00:00Z}) from the command line. */
final class LeaseTimes {
    private static final Pattern PARTS = Pattern.compile("(\\d+)([dhms])");
    private static final Pattern WHOLE = Pattern.compile("((\\d+)[dhms])+");

    private LeaseTimes() {
    }

    /**
     * @param text {@code 90s}, {@code 30m}, {@code 8h}, {@code 2d}, {@code 1h30m}, or ISO-8601 ({@code PT8H})
     * @return the duration, positive
     * @throws HostException (usage) saying how to write one
     */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (WHOLE.matcher(t).matches()) {
                d = Duration.ZERO;
                Matcher m = PARTS.matcher(t);
                while (m.find()) {
                    long n = Long.parseLong(m.group(1));
                    d = d.plus(switch (m.group(2)) {
                        case "d" -> Duration.ofDays(n);
                        case "h" -> Duration.ofHours(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofSeconds(n);
                    });
                }
            } else {
                throw new DateTimeException(text);
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new HostException(ExitCode.USAGE, "--for '" + text + "' is not a duration: write e.g. 90s, 30m, 8h,"
                    + " 2d or 1h30m (or ISO-8601, PT8H)", e);
        }
        if (d.isZero() || d.isNegative()) {
            throw new HostException(ExitCode.USAGE, "--for '" + text + "' must be longer than zero");
        }
        if (d.compareTo(Duration.ofDays(36_500)) > 0) {
            throw new HostException(ExitCode.USAGE, "--for '" + text + "' is longer than 100 years: grant without"
                    + " --for for access that does not end");
        }
        return d;
    }

    /**
     * @param text a time with its offset: {@code 2026-12-02T18:00:00Z} or {@code 2026-12-02T19:00:00+01:00}
     * @return the moment
     * @throws HostException (usage) saying how to write one
     */
    static Instant until(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new HostException(ExitCode.USAGE, "--until '" + text + "' is not a time with its offset: write e.g."
                    + " 2026-12-02T18:00:00Z or 2026-12-02T19:00:00+01:00", e);
        }
    }
}
