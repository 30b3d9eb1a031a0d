package dev.plugboard.sentry.provisioning;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request to the configured organization's API host.
 *
 * @param method    GET, POST, PUT or DELETE
 * @param operation the endpoint's stable name, for pacing and counting, e.g.
 *                  {@code PUT /organizations/{org}/members/{member}/}
 * @param path      the path after {@code /api/0}, each segment percent-encoded, with its query if any
 * @param jsonBody  the JSON body, if any (never a secret)
 */
public record HttpCall(String method, String operation, String path, Optional<String> jsonBody) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE");

    /** Checks every component. */
    public HttpCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(jsonBody, "jsonBody");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ", got " + method);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
    }

    /** @return {@code METHOD /api/0/path} without the query, as provisioning results list requests */
    public String describe() {
        int q = path.indexOf('?');
        return method + " /api/0" + (q >= 0 ? path.substring(0, q) : path);
    }
}
