package dev.plugboard.sentry.provisioning;

/** The kind of a Sentry auth token, told by its prefix; it decides what provisioning may ask. */
public enum TokenKind {
    /** {@code sntryu_}: a user's personal token; the only kind that may change organization roles. */
    USER,
    /** {@code sntryi_}: an internal integration's token; may invite only with the role {@code member}. */
    INTEGRATION,
    /** {@code sntrys_}: an organization auth token; carries only {@code org:ci}. */
    ORG_AUTH,
    /** {@code sntrya_}: an OAuth application's token. */
    OAUTH_APP,
    /** No known prefix: a token made before prefixes; Sentry decides what it may do. */
    LEGACY;

    /**
     * @param token an auth token (only its prefix is looked at; it is not kept)
     * @return its kind
     */
    public static TokenKind of(String token) {
        if (token.startsWith("sntryu_")) {
            return USER;
        }
        if (token.startsWith("sntryi_")) {
            return INTEGRATION;
        }
        if (token.startsWith("sntrys_")) {
            return ORG_AUTH;
        }
        if (token.startsWith("sntrya_")) {
            return OAUTH_APP;
        }
        return LEGACY;
    }

    /** @return how people know it, e.g. "an integration token (sntryi_)" */
    public String describe() {
        return switch (this) {
            case USER -> "a user auth token (sntryu_)";
            case INTEGRATION -> "an internal integration token (sntryi_)";
            case ORG_AUTH -> "an organization auth token (sntrys_)";
            case OAUTH_APP -> "an OAuth application token (sntrya_)";
            case LEGACY -> "a token without a prefix";
        };
    }
}
