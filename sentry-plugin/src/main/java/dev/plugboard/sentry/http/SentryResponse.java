package dev.plugboard.sentry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Objects;
import java.util.Optional;

/**
 * Sentry's answer to a {@link SentryRequest}.
 *
 * @param status     the HTTP status
 * @param text       the body as text, "" when there was none
 * @param json       the body as JSON; a {@link MissingNode} when it was empty or not JSON
 * @param nextCursor the next page's cursor, when Sentry's {@code next} link has results
 */
public record SentryResponse(int status, String text, JsonNode json, Optional<String> nextCursor) {

    /** Checks every component. */
    public SentryResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(nextCursor, "nextCursor");
    }

}
