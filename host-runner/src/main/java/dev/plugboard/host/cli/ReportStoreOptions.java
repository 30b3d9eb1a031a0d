package dev.plugboard.host.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** {@code --incremental}, {@code --lookback} and {@code --into store}, for {@code plugboard report}. */
public final class ReportStoreOptions {
    /** How far before the cursor a run reads again by default: events that reach Sentry a few minutes late. */
    static final Duration DEFAULT_LOOKBACK = Duration.ofMinutes(10);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");

    @Option(names = "--incremental", description = {"Read only rows at or after the stored cursor minus --lookback"
            + " (the first run reads the whole window), deduplicated by the report's primary key. The cursor is kept"
            + " in the store per connection, report and parameters and moves only when a run completes; --out or"
            + " stdout then get only the new or changed rows."})
    private boolean incremental;

    @Option(names = "--lookback", paramLabel = "DURATION", description = "How far before the cursor an incremental"
            + " run reads again, for rows that arrive late: 30s, 10m (default), 2h, 1d.")
    private String lookback;

    @Option(names = "--into", paramLabel = "store", description = "Merge the rows into the store's table"
            + " report_<connection>_<report> (one row per primary key: a rerun never duplicates a row, a changed row"
            + " is updated). Rows then go to stdout no more: add --out FILE to get them in a file too.")
    private String into;

    /** @return whether {@code --incremental} was given */
    public boolean incremental() {
        return incremental;
    }

    /** @return whether {@code --into store} was given */
    public boolean intoStore() {
        return into != null;
    }

    /** @return whether the run uses the store */
    public boolean usesStore() {
        return incremental || into != null;
    }

    /**
     * Checks the options.
     *
     * @throws HostException (usage) saying what to fix
     */
    public void check() {
        if (into != null && !into.equals("store")) {
            throw new HostException(ExitCode.USAGE, "--into " + into + ": the only place rows can go into is the store"
                    + " (--into store); to write a file, use --out FILE");
        }
        if (lookback != null && !incremental) {
            throw new HostException(ExitCode.USAGE, "--lookback is for --incremental runs: add --incremental, or drop"
                    + " --lookback");
        }
        lookback();
    }

    /** @return the lookback: {@code --lookback}, else {@link #DEFAULT_LOOKBACK} */
    public Duration lookback() {
        return Optional.ofNullable(lookback).map(ReportStoreOptions::parse).orElse(DEFAULT_LOOKBACK);
    }

    /**
     * @param text {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d} or an ISO-8601 duration ({@code PT10M})
     * @return the duration
     * @throws HostException (usage) when it is neither, or negative
     */
    static Duration parse(String text) {
        Matcher m = SHORT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // the message below says what to write
        }
        throw new HostException(ExitCode.USAGE, "--lookback " + text + ": write a duration such as 30s, 10m, 2h or 1d");
    }

    /**
     * @param d a duration
     * @return it as {@code --lookback} takes it: {@code 10m}, {@code 2h}, {@code 90s}
     */
    static String describe(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0 && s > 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0 && s > 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
