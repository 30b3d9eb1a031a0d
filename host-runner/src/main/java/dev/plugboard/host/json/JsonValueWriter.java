package dev.plugboard.host.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON-shaped JDK values the SPI uses ({@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}, {@link Instant}, {@code null}) with a Jackson generator. Instants are written as ISO-8601 UTC
 * text; map entries keep their order.
 */
public final class JsonValueWriter {
    private JsonValueWriter() {
    }

    /**
     * @param gen   where to write
     * @param value a JSON-shaped JDK value
     * @throws IOException when writing fails
     * @throws IllegalArgumentException when the value is of another type
     */
    public static void write(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger bi) {
            gen.writeNumber(bi);
        } else if (value instanceof BigDecimal bd) {
            gen.writeNumber(bd);
        } else if (value instanceof Number n) {
            gen.writeNumber(n.doubleValue());
        } else if (value instanceof Instant instant) {
            gen.writeString(instant.toString());
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                write(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof List<?> list) {
            gen.writeStartArray();
            for (Object item : list) {
                write(gen, item);
            }
            gen.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }
}
