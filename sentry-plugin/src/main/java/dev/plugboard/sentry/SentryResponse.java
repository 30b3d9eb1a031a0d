package dev.plugboard.sentry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A successful answer: its JSON body and the cursor of the next page, when the {@code next} link has results.
 *
 * @param body       the parsed body
 * @param nextCursor the next page's cursor
 */
record SentryResponse(JsonNode body, Optional<String> nextCursor) {
    SentryResponse {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
