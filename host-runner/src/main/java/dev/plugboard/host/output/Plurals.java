package dev.plugboard.host.output;

/** A count and its noun for messages people read: "1 row", "2 rows", "0 rows". */
public final class Plurals {
    private Plurals() {
    }

    /**
     * @param count    how many
     * @param singular the noun for one (its plural adds an s)
     * @return the count and the noun, e.g. {@code 1 grant} or {@code 3 grants}
     */
    public static String of(long count, String singular) {
        return of(count, singular, singular + "s");
    }

    /**
     * @param count    how many
     * @param singular the noun for one
     * @param plural   the noun for any other count
     * @return the count and the noun
     */
    public static String of(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
