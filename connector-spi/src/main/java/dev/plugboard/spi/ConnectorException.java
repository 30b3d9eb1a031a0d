package dev.plugboard.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one failure type of the SPI. Connectors complete their stages exceptionally with it (or throw it from
 * synchronous methods). Its message is written for the person running the host: it says what failed and what to
 * fix, and never contains a secret. It is final for the operation: connectors own retries (see {@link ErrorKind}),
 * so they throw it only after their own bounded retries, and say in the message what was tried.
 */
public class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final transient Optional<Duration> retryAfter;

    /**
     * @param kind    what went wrong
     * @param message what failed and what to do about it; no secrets
     */
    public ConnectorException(ErrorKind kind, String message) {
        this(kind, message, Optional.empty(), null);
    }

    /**
     * @param kind    what went wrong
     * @param message what failed and what to do about it; no secrets
     * @param cause   the underlying failure (its message must not hold secrets either)
     */
    public ConnectorException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, Optional.empty(), cause);
    }

    /**
     * @param kind       what went wrong
     * @param message    what failed and what to do about it; no secrets
     * @param retryAfter how long to wait before retrying, when the remote system said
     * @param cause      the underlying failure, or {@code null}
     */
    public ConnectorException(ErrorKind kind, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(Checks.text(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** @return what went wrong */
    public ErrorKind kind() {
        return kind;
    }

    /** @return how long to wait before retrying, when known */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
