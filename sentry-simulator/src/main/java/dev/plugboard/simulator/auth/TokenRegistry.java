package dev.plugboard.simulator.auth;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tokens a simulator accepts; thread-safe. */
public final class TokenRegistry {
    private final Map<String, ApiToken> tokens = new ConcurrentHashMap<>();

    /** Adds or replaces a token. */
    public void add(ApiToken token) {
        tokens.put(token.value(), token);
    }

    /** Removes a token. */
    public void remove(String value) {
        tokens.remove(value);
    }

    /** The token with this value. */
    public Optional<ApiToken> find(String value) {
        return Optional.ofNullable(tokens.get(value));
    }

    /** The outcome of authenticating an {@code Authorization} header. */
    public sealed interface Result {
        /** Authenticated. */
        record Ok(ApiToken token) implements Result {
        }

        /** Refused with a 401 and this detail. */
        record Refused(String detail) implements Result {
        }
    }

    /** Authenticates an {@code Authorization} header value at an instant. */
    public Result authenticate(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return new Result.Refused("Authentication credentials were not provided.");
        }
        String h = header.get().trim();
        int space = h.indexOf(' ');
        if (space < 0) {
            return new Result.Refused("Invalid token header. No credentials provided.");
        }
        String scheme = h.substring(0, space);
        if (!scheme.equalsIgnoreCase("Bearer") && !scheme.equalsIgnoreCase("Token")) {
            return new Result.Refused("Authentication credentials were not provided.");
        }
        String value = h.substring(space + 1).trim();
        ApiToken token = tokens.get(value);
        if (token == null) {
            return new Result.Refused("Invalid token");
        }
        if (token.expiresAt().isPresent() && !now.isBefore(token.expiresAt().get())) {
            return new Result.Refused("Token expired");
        }
        return new Result.Ok(token);
    }
}
