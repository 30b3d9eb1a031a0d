package dev.plugboard.sentry.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.spi.ErrorKind;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads fields of Sentry's JSON without nulls: absent, JSON null and wrong types all read as empty. */
final class Json {
    private Json() {
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isTextual()) {
            return Optional.of(v.asText());
        }
        if (v.isNumber()) {
            return Optional.of(v.asText());
        }
        return Optional.empty();
    }

    /** @return the field as text, or an UNAVAILABLE failure (a bad remote answer) naming what lacked it */
    static String required(JsonNode node, String field, String what) {
        return text(node, field).filter(s -> !s.isEmpty()).orElseThrow(() -> new SentryException(ErrorKind.UNAVAILABLE,
                "remote.unexpected-response", "Sentry's answer has " + what + " without '" + field
                + "'; the connector cannot use it"));
    }

    static boolean flag(JsonNode node, String field) {
        return node.path(field).asBoolean(false);
    }

    static Optional<Instant> instant(JsonNode node, String field) {
        return text(node, field).flatMap(s -> {
            try {
                return Optional.of(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    return Optional.of(Instant.parse(s));
                } catch (DateTimeParseException e2) {
                    return Optional.empty();
                }
            }
        });
    }

    /** @return the node when it is an array, else an UNAVAILABLE failure (a bad remote answer) saying what was expected */
    static JsonNode array(JsonNode node, String what) {
        if (!node.isArray()) {
            throw new SentryException(ErrorKind.UNAVAILABLE, "remote.unexpected-response", "Sentry answered " + what
                    + " with a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + " where a list was expected");
        }
        return node;
    }
}
