package dev.plugboard.sentry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.spi.ConnectorException;

/** The connector's {@link SentryErrors}, for test doubles of {@code SentryHttp} in other packages. */
public final class ScriptedErrors {
    private final SentryErrors errors;

    /**
     * @param token        the (fake) token to redact
     * @param organization the organization slug
     */
    public ScriptedErrors(String token, String organization) {
        this.errors = new SentryErrors(token, organization, new ObjectMapper());
    }

    /** @return as {@code SentryHttp#detail} */
    public String detail(String body) {
        return errors.detail(body);
    }

    /** @return as {@code SentryHttp#unauthenticated}, for a token sent to sentry.example.com */
    public ConnectorException unauthenticated(String body, String asked) {
        return errors.unauthenticated(body, asked, "sentry.example.com");
    }
}
