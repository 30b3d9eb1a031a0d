package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * One answer: its JSON body and the cursor of the next page, when Sentry's {@code next} link has results.
 *
 * @param body       the parsed body
 * @param nextCursor the next page's cursor
 */
public record ApiPage(JsonNode body, Optional<String> nextCursor) {

    /** Checks every component. */
    public ApiPage {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
