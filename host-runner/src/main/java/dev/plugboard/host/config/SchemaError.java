package dev.plugboard.host.config;

import java.util.Objects;

/**
 * One way a JSON document breaks its schema.
 *
 * @param pointer where, as a JSON pointer ({@code ""} is the whole document, {@code /authToken} a property)
 * @param message what is wrong, for a person
 */
public record SchemaError(String pointer, String message) {
    /** Checks every component. */
    public SchemaError {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** @return {@code pointer: message}, with {@code /} for the whole document */
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
