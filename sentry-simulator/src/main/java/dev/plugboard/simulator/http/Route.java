package dev.plugboard.simulator.http;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A route: method, path template ({@code /api/0/teams/{org}/{team}/members/}), the scopes of which the caller
 * needs any one, and the endpoint.
 */
public record Route(String method, String template, Set<String> anyOfScopes, Endpoint endpoint) {

    /** Checks every component. */
    public Route {
        Objects.requireNonNull(method, "method");
        if (!template.startsWith("/") || !template.endsWith("/")) {
            throw new IllegalArgumentException("template must start and end with /: " + template);
        }
        anyOfScopes = Set.copyOf(anyOfScopes);
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The counter and rate-limit key: {@code METHOD template}. */
    public String key() {
        return method + " " + template;
    }

    /** The template's segments. */
    List<String> segments() {
        return List.of(template.substring(1, template.length() - 1).split("/"));
    }
}
