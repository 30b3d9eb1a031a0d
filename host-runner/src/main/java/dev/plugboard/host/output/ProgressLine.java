package dev.plugboard.host.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One progress line: a head that is always shown ({@code sync 45%: 1200 of about 2650 records, 310 records/s}) and
 * details after it ({@code , 310 records/s}, {@code  | 8 in flight}, {@code ; reading team web-7}), each with its
 * own separator. {@link #fit} keeps the line narrower than the terminal, so it never wraps: details are dropped
 * from the end, whole, except the last one (a plugin's status line), which is shortened at a word with an ellipsis
 * when at least a few of its characters fit.
 *
 * @param head    what is always shown
 * @param details what follows, in order of importance, each starting with its separator
 */
public record ProgressLine(String head, List<String> details) {
    private static final String ELLIPSIS = "…";
    /** The least of a status line worth showing cut (beside its separator and the ellipsis). */
    private static final int LEAST_STATUS = 12;

    /** Checks and copies. */
    public ProgressLine {
        Objects.requireNonNull(head, "head");
        details = List.copyOf(details);
    }

    /**
     * @param columns the terminal's width
     * @return the line in at most {@code columns - 1} characters (the last column is left free: a terminal that
     *         writes there moves the cursor to the next line)
     */
    public String fit(int columns) {
        int room = Math.max(1, columns - 1);
        if (head.length() > room) {
            return room == 1 ? ELLIPSIS : wordsIn(head, room - 1) + ELLIPSIS;
        }
        StringBuilder line = new StringBuilder(head);
        for (int i = 0; i < details.size(); i++) {
            String detail = details.get(i);
            if (line.length() + detail.length() <= room) {
                line.append(detail);
                continue;
            }
            int left = room - line.length() - ELLIPSIS.length();
            if (i == details.size() - 1 && left >= LEAST_STATUS) {
                line.append(wordsIn(detail, left)).append(ELLIPSIS);
            }
            break;
        }
        return line.toString();
    }

    /** @return the first {@code length} characters of {@code text}, ending at a space when one is among them */
    private static String wordsIn(String text, int length) {
        String start = text.substring(0, length);
        int space = start.lastIndexOf(' ');
        return space > 2 ? start.substring(0, space) : start;
    }

    /**
     * @param done  how many are done
     * @param total how many there will be, when known
     * @return the percent done, {@code 0} to {@code 99} while not all are done (an estimate never shows 100% early);
     *         empty when the total is unknown or already passed
     */
    public static OptionalLong percent(long done, OptionalLong total) {
        if (total.isEmpty() || total.getAsLong() <= 0 || done > total.getAsLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(done == total.getAsLong() ? 100 : Math.min(99, done * 100 / total.getAsLong()));
    }

    /**
     * Redraws a progress line in place on a terminal: a carriage return, the line fitted to the width, and blanks
     * over what is left of the previous, longer line. {@link #clear()} leaves the cursor at the start of an empty
     * line, for the messages that follow.
     */
    public static final class Redraw {
        private final PrintWriter err;
        private final int columns;
        private int shown;

        /**
         * @param err     a terminal's stream
         * @param columns its width
         */
        public Redraw(PrintWriter err, int columns) {
            this.err = Objects.requireNonNull(err, "err");
            this.columns = columns;
        }

        /** @param line the line to show instead of the current one */
        public synchronized void show(ProgressLine line) {
            String text = line.fit(columns);
            err.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
            err.flush();
            shown = text.length();
        }

        /** Blanks the line shown, if any. */
        public synchronized void clear() {
            if (shown > 0) {
                err.print("\r" + " ".repeat(shown) + "\r");
                err.flush();
                shown = 0;
            }
        }
    }
}
