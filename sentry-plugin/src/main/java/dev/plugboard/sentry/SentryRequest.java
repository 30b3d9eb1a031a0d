package dev.plugboard.sentry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One GET to the Sentry API.
 *
 * @param endpoint which endpoint (for counting, pacing, scopes and messages)
 * @param apiHost  the host to send it to, e.g. {@code https://us.sentry.io}, without {@code /api/0}
 * @param path     the path after {@code /api/0}, already encoded, e.g. {@code /organizations/acme/members/}; it may
 *                 carry an encoded query ({@code ?a=1&a=2}, for repeated names), then {@code query} is appended
 * @param query    query parameters, in order
 * @param subject  what is looked up, for messages: "organization 'acme'", "team 'backend' of organization 'acme'"
 */
record SentryRequest(SentryEndpoint endpoint, URI apiHost, String path, Map<String, String> query, String subject) {

    SentryRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(apiHost, "apiHost");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(subject, "subject");
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /**
     * @param cursor the page cursor, if any
     * @return the absolute URL
     */
    String url(Optional<String> cursor) {
        StringBuilder sb = new StringBuilder(apiHost.toString()).append("/api/0").append(path);
        char sep = path.indexOf('?') >= 0 ? '&' : '?';
        Map<String, String> all = new LinkedHashMap<>(query);
        cursor.ifPresent(c -> all.put("cursor", c));
        for (Map.Entry<String, String> e : all.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /** @return e.g. {@code GET https://us.sentry.io/api/0/organizations/acme/members/} (no query, no secret) */
    String describe() {
        int q = path.indexOf('?');
        return "GET " + apiHost + "/api/0" + (q >= 0 ? path.substring(0, q) : path);
    }

    /** @return a path segment, percent-encoded */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
