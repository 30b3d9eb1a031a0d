package dev.plugboard.spi;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/** Argument checks shared by the SPI's record constructors. Not part of the contract. */
final class Checks {
    private Checks() {
    }

    static String text(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    static <T extends Collection<?>> T noNulls(T values, String name) {
        Objects.requireNonNull(values, () -> name + " must not be null");
        for (Object v : values) {
            if (v == null) {
                throw new NullPointerException(name + " must not contain null");
            }
        }
        return values;
    }

    static void keysNotNull(Map<String, ?> map, String name) {
        Objects.requireNonNull(map, () -> name + " must not be null");
        for (String k : map.keySet()) {
            if (k == null) {
                throw new NullPointerException(name + " must not have a null key");
            }
        }
    }
}
