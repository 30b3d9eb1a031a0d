package dev.plugboard.sentry.reports;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One GET a report makes (the cursor is added by the HTTP layer).
 *
 * @param endpoint     which endpoint
 * @param organization the organization whose region host serves it; empty for {@code /organizations/}
 * @param path         the path after {@code /api/0}, each segment already percent-encoded
 * @param query        query parameters in order; a name may repeat ({@code groupBy=outcome&groupBy=category})
 * @param subject      what is read, for messages: "project 'web' of organization 'acme'"
 */
public record ApiCall(ApiEndpoint endpoint, Optional<String> organization, String path,
                      List<Map.Entry<String, String>> query, String subject) {

    /** Checks and copies. */
    public ApiCall {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("path must start with '/' and hold no query: " + path);
        }
        query = List.copyOf(query);
        Objects.requireNonNull(subject, "subject");
    }

    /** @return the path and its query, encoded, e.g. {@code /organizations/acme/repos/?status=active} */
    public String pathAndQuery() {
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> e : query) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /** @return a path segment, percent-encoded */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
