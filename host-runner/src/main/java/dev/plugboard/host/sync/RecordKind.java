package dev.plugboard.host.sync;

import java.util.Locale;

/** The kinds of record in a sync output, named in each line's {@code kind}. */
public enum RecordKind {
    /** A resource type. */
    RESOURCE_TYPE("resourceType"),
    /** A resource. */
    RESOURCE("resource"),
    /** An entitlement. */
    ENTITLEMENT("entitlement"),
    /** A grant. */
    GRANT("grant"),
    /** The last line: counts and run figures. */
    SUMMARY("summary");

    private final String json;

    RecordKind(String json) {
        this.json = json;
    }

    /** @return the {@code kind} value in the output */
    public String json() {
        return json;
    }

    /**
     * @param text a {@code kind} value
     * @return the kind
     * @throws IllegalArgumentException when unknown
     */
    public static RecordKind parse(String text) {
        for (RecordKind k : values()) {
            if (k.json.equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown record kind '" + text + "'");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
