package dev.plugboard.simulator.auth;

/** The kinds of Sentry auth tokens, told apart by their prefix. */
public enum TokenKind {
    /** {@code sntryu_}: a user's personal token; the only kind that may change org roles. */
    USER("sntryu_"),
    /** {@code sntrys_}: an organization auth token; holds only {@code org:ci}. */
    ORG_AUTH("sntrys_"),
    /** {@code sntrya_}: an OAuth application token. */
    OAUTH_APP("sntrya_"),
    /** {@code sntryi_}: an (internal) integration token; may only invite with org role {@code member}. */
    INTEGRATION("sntryi_"),
    /** An old token without prefix (treated like a user token). */
    LEGACY("");

    private final String prefix;

    TokenKind(String prefix) {
        this.prefix = prefix;
    }

    /** The token prefix. */
    public String prefix() {
        return prefix;
    }

    /** The kind a token value's prefix says. */
    public static TokenKind of(String token) {
        for (TokenKind k : values()) {
            if (k != LEGACY && token.startsWith(k.prefix)) {
                return k;
            }
        }
        return LEGACY;
    }
}
