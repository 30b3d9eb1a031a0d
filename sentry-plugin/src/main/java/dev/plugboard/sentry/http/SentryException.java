package dev.plugboard.sentry.http;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ConnectorException} that also carries a stable code (the same codes {@code check()} uses for its
 * findings, e.g. {@code auth.token-expired}, {@code scope.missing.member-read}, {@code host.unreachable}), so a
 * failure and a finding about the same problem read alike.
 */
public final class SentryException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public SentryException(ErrorKind kind, String code, String message, Optional<Duration> retryAfter, Throwable cause) {
        super(kind, message, retryAfter, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public SentryException(ErrorKind kind, String code, String message) {
        this(kind, code, message, Optional.empty(), null);
    }

    public static SentryException config(String code, String message) {
        return new SentryException(ErrorKind.CONFIG, code, message);
    }

    /** @return the stable code of this failure */
    public String code() {
        return code;
    }
}
