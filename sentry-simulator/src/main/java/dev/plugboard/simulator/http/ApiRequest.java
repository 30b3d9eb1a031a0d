package dev.plugboard.simulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One API request as the handlers see it: method, path, decoded query parameters (in order, repeatable), the raw
 * query parts (for Link headers), headers and body.
 */
public record ApiRequest(String method, String path, List<Map.Entry<String, String>> rawQuery,
                         Map<String, List<String>> query, Function<String, Optional<String>> headers, String body) {

    /** Checks every component and copies the collections. */
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = List.copyOf(rawQuery);
        query = Map.copyOf(query);
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** Parses a URL (path and optional query string). */
    public static ApiRequest parse(String method, String url, Function<String, Optional<String>> headers,
                                   String body) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        List<Map.Entry<String, String>> raw = new ArrayList<>();
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (q >= 0 && q < url.length() - 1) {
            for (String part : url.substring(q + 1).split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String rawKey = eq < 0 ? part : part.substring(0, eq);
                String rawValue = eq < 0 ? "" : part.substring(eq + 1);
                raw.add(Map.entry(rawKey, rawValue));
                query.computeIfAbsent(decode(rawKey), k -> new ArrayList<>()).add(decode(rawValue));
            }
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        query.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new ApiRequest(method.toUpperCase(), decodePath(path), raw, frozen, headers, body);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String decodePath(String s) {
        return decode(s.replace("+", "%2B"));
    }

    /** The first value of a query parameter. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of a query parameter. */
    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** A header value. */
    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    /** The raw query string without the {@code cursor} parameter, as Sentry's Link headers carry it. */
    public String queryWithoutCursor() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : rawQuery) {
            if (decode(e.getKey()).equals("cursor")) {
                continue;
            }
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }
}
