package dev.plugboard.simulator.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A response: status, headers and body text (JSON, or empty). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    /** Checks every component and copies the headers. */
    public ApiResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("bad status " + status);
        }
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** A JSON response. */
    public static ApiResponse json(int status, String json) {
        return new ApiResponse(status, Map.of("Content-Type", "application/json"), json);
    }

    /** An empty response (e.g. 204). */
    public static ApiResponse empty(int status) {
        return new ApiResponse(status, Map.of(), "");
    }

    /** A copy with more headers. */
    public ApiResponse withHeaders(Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putAll(more);
        return new ApiResponse(status, h, body);
    }

    /** A copy with another body. */
    public ApiResponse withBody(String newBody) {
        return new ApiResponse(status, headers, newBody);
    }
}
