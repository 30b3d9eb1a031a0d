package dev.plugboard.sentry.provisioning;

import java.util.Objects;
import java.util.Optional;

/**
 * Sentry's answer to an {@link HttpCall}.
 *
 * @param status     the HTTP status
 * @param body       the body as text, "" when there was none
 * @param nextCursor the next page's cursor, when the {@code next} link has results
 */
public record HttpReply(int status, String body, Optional<String> nextCursor) {

    /** Checks every component. */
    public HttpReply {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
