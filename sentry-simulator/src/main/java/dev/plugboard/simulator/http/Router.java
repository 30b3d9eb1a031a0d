package dev.plugboard.simulator.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches a method and path against route templates. */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** A match: the route and its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    /** Adds a route. */
    public Router add(Route route) {
        routes.add(route);
        return this;
    }

    /** Every route. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The route for a method and path; path without a trailing slash is accepted too. */
    public Optional<Match> match(String method, String path) {
        for (Route r : routes) {
            if (r.method().equals(method)) {
                Optional<Map<String, String>> params = params(r, path);
                if (params.isPresent()) {
                    return Optional.of(new Match(r, params.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The template of any route for the path, whatever the method (to answer 405). */
    public Optional<String> templateFor(String path) {
        return routes.stream().filter(r -> params(r, path).isPresent()).map(Route::template).findFirst();
    }

    private static Optional<Map<String, String>> params(Route route, String path) {
        String p = path.endsWith("/") ? path : path + "/";
        if (!p.startsWith("/")) {
            return Optional.empty();
        }
        String[] actual = p.substring(1, p.length() - 1).split("/", -1);
        List<String> expected = route.segments();
        if (actual.length != expected.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < actual.length; i++) {
            String e = expected.get(i);
            if (e.startsWith("{") && e.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(e.substring(1, e.length() - 1), actual[i]);
            } else if (!e.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }
}
