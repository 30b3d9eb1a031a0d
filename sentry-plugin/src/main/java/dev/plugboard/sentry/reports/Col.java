package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A report column and where its value comes from: a JSON pointer into the row's Sentry object, converted to the
 * column's type ({@link #convert}), or a property of the row's {@link Target}.
 *
 * @param column the declared column
 * @param value  the cell value of a row (its JSON object and its target); null for an empty cell
 */
record Col(Column column, BiFunction<JsonNode, Target, Object> value) {

    Col {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(value, "value");
    }

    /** A column read from {@code pointer} (e.g. {@code /provider/id}) of the row's object. */
    static Col field(String name, ColumnType type, String pointer, String description) {
        return new Col(new Column(name, type, description), (node, target) -> convert(node.at(pointer), type));
    }

    /** A column named like its top-level field. */
    static Col field(String name, ColumnType type, String description) {
        return field(name, type, "/" + name, description);
    }

    /** A column read from the row's target. */
    static Col target(String name, Function<Target, String> value, String description) {
        return new Col(new Column(name, ColumnType.STRING, description), (node, target) -> value.apply(target));
    }

    /**
     * @param v    a JSON value (missing and null read as an empty cell)
     * @param type the column type
     * @return the value as the column type's JDK type, or null when it is absent or cannot be read as that type
     */
    static Object convert(JsonNode v, ColumnType type) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return null;
        }
        return switch (type) {
            case STRING -> v.isValueNode() ? v.asText() : v.toString();
            case JSON -> v.toString();
            case BOOLEAN -> v.isBoolean() ? v.booleanValue()
                    : v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))
                    ? Boolean.valueOf(v.asText()) : null;
            case INTEGER -> integer(v);
            case NUMBER -> v.isNumber() ? v.numberValue() : number(v.asText());
            case TIMESTAMP -> timestamp(v);
        };
    }

    private static Long integer(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (v.isNumber()) {
            try {
                return new BigDecimal(v.asText()).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Number number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant timestamp(JsonNode v) {
        if (v.isNumber()) {
            return Instant.ofEpochMilli(Math.round(v.doubleValue() * 1000));
        }
        if (!v.isTextual()) {
            return null;
        }
        String s = v.asText().strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }
}
