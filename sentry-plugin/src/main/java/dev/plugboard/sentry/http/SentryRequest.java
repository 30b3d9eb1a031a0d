package dev.plugboard.sentry.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to the Sentry API, without its host (the caller's {@link SentryApi} routes it) and without its page
 * cursor (added per page). Build it with {@link #of} and the {@code with...} methods:
 * {@code SentryRequest.of(Endpoint.MEMBERS, org).pageSize().about("members of organization 'acme'")}.
 *
 * @param endpoint     which endpoint (method, counting, pacing, scope and messages)
 * @param path         the path after {@code /api/0}, each segment percent-encoded (from {@link Endpoint#path})
 * @param query        query parameters in order; a name may repeat ({@code groupBy=outcome&groupBy=category})
 * @param jsonBody     the JSON body, if any (never a secret)
 * @param organization the organization whose region host serves it; empty for {@code GET /organizations/}
 * @param subject      what is read, for messages: "members of organization 'acme'" ("" when none is needed)
 */
public record SentryRequest(Endpoint endpoint, String path, List<Map.Entry<String, String>> query,
                            Optional<String> jsonBody, Optional<String> organization, String subject) {

    /** Checks and copies. */
    public SentryRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("path must start with '/' and hold no query: " + path);
        }
        query = List.copyOf(query);
        Objects.requireNonNull(jsonBody, "jsonBody");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(subject, "subject");
    }

    /**
     * @param endpoint the endpoint
     * @param values   one value per placeholder of its path, the organization slug first
     * @return the request, routed to the organization of the first value (none for {@code /organizations/})
     */
    public static SentryRequest of(Endpoint endpoint, String... values) {
        return new SentryRequest(endpoint, endpoint.path(values), List.of(), Optional.empty(),
                values.length == 0 ? Optional.empty() : Optional.of(values[0]), "");
    }

    /** @return this request with one more query parameter */
    public SentryRequest with(String name, String value) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(Map.entry(name, value));
        return new SentryRequest(endpoint, path, q, jsonBody, organization, subject);
    }

    /** @return this request asking for Sentry's largest page ({@code per_page=}{@link Endpoint#PAGE_SIZE}) */
    public SentryRequest pageSize() {
        return with("per_page", Integer.toString(Endpoint.PAGE_SIZE));
    }

    /** @return this request with a JSON body */
    public SentryRequest withBody(String json) {
        return new SentryRequest(endpoint, path, query, Optional.of(json), organization, subject);
    }

    /** @return this request with what it reads, for messages */
    public SentryRequest about(String what) {
        return new SentryRequest(endpoint, path, query, jsonBody, organization, what);
    }

    /** @return GET, POST, PUT or DELETE */
    public String method() {
        return endpoint.method();
    }

    /**
     * @param apiHost the host, without {@code /api/0}
     * @param cursor  the page cursor, if not the first page
     * @return the absolute URL, query and cursor encoded
     */
    public String url(URI apiHost, Optional<String> cursor) {
        StringBuilder sb = new StringBuilder(apiHost.toString()).append("/api/0").append(path);
        char sep = '?';
        List<Map.Entry<String, String>> all = new ArrayList<>(query);
        cursor.ifPresent(c -> all.add(Map.entry("cursor", c)));
        for (Map.Entry<String, String> e : all) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    /** @return e.g. {@code GET https://us.sentry.io/api/0/organizations/acme/members/} (no query, no secret) */
    public String describe(URI apiHost) {
        return method() + " " + apiHost + "/api/0" + path;
    }

    /** @return e.g. {@code POST /api/0/organizations/acme/members/}, as provisioning results list requests */
    public String describe() {
        return method() + " /api/0" + path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
