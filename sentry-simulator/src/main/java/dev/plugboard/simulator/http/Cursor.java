package dev.plugboard.simulator.http;

/**
 * Sentry's cursor {@code value:offset:is_prev}. Offset-paginated lists (members, teams, projects) use
 * {@code perPage:page:isPrev} ({@code 100:1:0}); row-offset lists (events, issues) use {@code 0:row:isPrev}
 * ({@code 0:100:0}).
 */
public record Cursor(long value, long offset, boolean prev) {

    /** The wire form. */
    @Override
    public String toString() {
        return value + ":" + offset + ":" + (prev ? 1 : 0);
    }

    /** Parses the wire form; 400 "Invalid cursor parameter." when malformed. */
    public static Cursor parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 3) {
            throw ApiError.badRequest("Invalid cursor parameter.");
        }
        try {
            long value = Long.parseLong(parts[0]);
            long offset = Long.parseLong(parts[1]);
            int prev = Integer.parseInt(parts[2]);
            if (prev != 0 && prev != 1) {
                throw ApiError.badRequest("Invalid cursor parameter.");
            }
            return new Cursor(value, offset, prev == 1);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("Invalid cursor parameter.");
        }
    }
}
