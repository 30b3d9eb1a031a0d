package dev.plugboard.sentry.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * stats_v2 answers at most {@link #MAX_POINTS} intervals per call (getsentry/sentry
 * {@code src/sentry/snuba/sessions_v2.py}, {@code get_constrained_date_range}: the range, with an explicit end
 * counted one second more, rounded up to whole hours, divided by the interval). A longer window, such as
 * {@code interval=1h} over 90 days, is cut into pieces that each fit, at interval boundaries, and read with one call
 * each; every piece keeps only the buckets that start inside it (or, for the first, the bucket the window starts
 * in), so each bucket becomes rows exactly once however the server widens a piece.
 */
final class StatsPieces {
    /** stats_v2's MAX_POINTS. */
    static final int MAX_POINTS = 1_000;

    private StatsPieces() {
    }

    /**
     * @param interval an interval the reports accept ({@code 1h} … {@code 24h}, {@code 1d})
     * @return its length in seconds
     */
    static long seconds(String interval) {
        return interval.equals("1d") ? 86_400 : Long.parseLong(interval.substring(0, interval.length() - 1)) * 3_600;
    }

    /**
     * @param window the report's window
     * @param step   the interval in seconds
     * @return the window in pieces of at most {@code MAX_POINTS - 1} intervals from an interval boundary (so the
     *         one second an explicit end adds still fits), in order; one piece when the window fits in one call
     */
    static List<DateWindow> split(DateWindow window, long step) {
        long span = (MAX_POINTS - 1) * step;
        List<DateWindow> pieces = new ArrayList<>();
        Instant start = window.start();
        long boundary = Math.floorDiv(start.getEpochSecond(), step) * step;
        while (start.isBefore(window.end())) {
            boundary += span;
            Instant end = Instant.ofEpochSecond(boundary);
            if (!end.isBefore(window.end())) {
                end = window.end();
            }
            pieces.add(new DateWindow(start, end));
            start = end;
        }
        return pieces;
    }

    /**
     * @param bucket the start of a bucket in a piece's answer
     * @param piece  the piece asked for
     * @param step   the interval in seconds
     * @return whether the bucket belongs to this piece: it ends after the piece's start and starts before its end
     */
    static boolean keeps(Instant bucket, DateWindow piece, long step) {
        return bucket.plusSeconds(step).isAfter(piece.start()) && bucket.isBefore(piece.end());
    }
}
