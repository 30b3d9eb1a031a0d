package dev.plugboard.simulator.model;

import java.util.Objects;

/** Argument checks shared by the records' compact constructors. */
final class Checks {
    private Checks() {
    }

    static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    static String id(String value, String name) {
        nonBlank(value, name);
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isDigit(value.charAt(i))) {
                throw new IllegalArgumentException(name + " must be a numeric id: " + value);
            }
        }
        return value;
    }

    static int nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value);
        }
        return value;
    }
}
