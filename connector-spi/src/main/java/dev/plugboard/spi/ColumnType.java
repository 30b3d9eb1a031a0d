package dev.plugboard.spi;

import java.time.Instant;

/** The type of a report column, and the JDK type its non-null values have in a {@link Row}. */
public enum ColumnType {
    /** {@link String}. */
    STRING,
    /** {@link Long} or {@link Integer} (any whole {@link Number}). */
    INTEGER,
    /** Any {@link Number}. */
    NUMBER,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Instant}, written as ISO-8601 UTC. */
    TIMESTAMP,
    /** JSON text in a {@link String} (a nested object or list, serialized by the connector). */
    JSON;

    /**
     * @param value a non-null cell value
     * @return whether the value has this column type's JDK type
     */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING, JSON -> value instanceof String;
            case INTEGER -> value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte || value instanceof java.math.BigInteger;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case TIMESTAMP -> value instanceof Instant;
        };
    }
}
