package dev.plugboard.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of JSON-shaped JDK values: {@code Map<String,?>}, {@code List<?>}, {@code String},
 * {@code Number}, {@code Boolean}, {@link java.time.Instant} and {@code null} (JSON null). Not part of the contract.
 */
final class JsonValues {
    private JsonValues() {
    }

    static Map<String, Object> copyObject(Map<String, ?> source, String name) {
        Checks.keysNotNull(source, name);
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, copyValue(v, name + "." + k)));
        return Collections.unmodifiableMap(copy);
    }

    static Object copyValue(Object value, String name) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.time.Instant) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(name + " has a non-string key: " + e.getKey());
                }
                copy.put(key, copyValue(e.getValue(), name + "." + key));
            }
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(list.get(i), name + "[" + i + "]"));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(name + " must be a JSON value (Map, List, String, Number, Boolean, Instant"
                + " or null), got " + value.getClass().getName());
    }
}
