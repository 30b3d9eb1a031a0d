package dev.plugboard.simulator.auth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A token the simulator accepts: its value, kind (from the prefix), scopes, the organization it is limited to
 * (if any) and its expiry (if any). Org auth tokens ({@code sntrys_}) hold exactly {@code org:ci}.
 */
public record ApiToken(String value, TokenKind kind, Set<String> scopes, Optional<String> organization,
                       Optional<Instant> expiresAt) {

    /** Checks every component. */
    public ApiToken {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("token must be non-blank without spaces");
        }
        Objects.requireNonNull(kind, "kind");
        if (kind != TokenKind.of(value)) {
            throw new IllegalArgumentException("token prefix does not match kind " + kind);
        }
        scopes = Set.copyOf(scopes);
        for (String s : scopes) {
            if (!Scopes.known(s)) {
                throw new IllegalArgumentException("unknown scope: " + s);
            }
        }
        if (kind == TokenKind.ORG_AUTH && !scopes.equals(Set.of("org:ci"))) {
            throw new IllegalArgumentException("org auth tokens (sntrys_) hold only org:ci");
        }
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A token of the kind its prefix says, with these scopes, not limited to an org, never expiring. */
    public static ApiToken of(String value, Collection<String> scopes) {
        return new ApiToken(value, TokenKind.of(value), Set.copyOf(scopes), Optional.empty(), Optional.empty());
    }

    /** An org auth token ({@code sntrys_...}) for an organization: only {@code org:ci}. */
    public static ApiToken orgAuth(String value, String organization) {
        return new ApiToken(value, TokenKind.ORG_AUTH, Set.of("org:ci"), Optional.of(organization), Optional.empty());
    }

    /** A token with every scope. */
    public static ApiToken fullScope(String value) {
        return of(value, List.copyOf(Scopes.ALL).stream().filter(s -> !s.equals("org:ci")).toList());
    }

    /** A copy limited to one organization (others answer 401 "Unauthorized organization access."). */
    public ApiToken limitedTo(String organizationSlug) {
        return new ApiToken(value, kind, scopes, Optional.of(organizationSlug), expiresAt);
    }

    /** A copy that expires at an instant (after it: 401 "Token expired"). */
    public ApiToken expiringAt(Instant instant) {
        return new ApiToken(value, kind, scopes, organization, Optional.of(instant));
    }

    /** Whether the token holds a scope, directly or by implication. */
    public boolean has(String scope) {
        return Scopes.expand(scopes).contains(scope);
    }

    /** The token value with most of it masked, for messages. */
    @Override
    public String toString() {
        return "ApiToken[" + kind + " " + value.substring(0, Math.min(value.length(), 10)) + "…, scopes=" + scopes
                + ", organization=" + organization + ", expiresAt=" + expiresAt + "]";
    }
}
