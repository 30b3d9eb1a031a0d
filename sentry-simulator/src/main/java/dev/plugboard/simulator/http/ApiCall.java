package dev.plugboard.simulator.http;

import dev.plugboard.simulator.auth.ApiToken;
import java.time.Instant;
import java.util.Map;

/** A routed, authenticated request: the request, the path parameters, the caller's token and the time. */
public record ApiCall(ApiRequest request, Map<String, String> params, ApiToken token, Instant now) {

    /** Checks and copies. */
    public ApiCall {
        params = Map.copyOf(params);
    }

    /** A path parameter (present by construction). */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("no path parameter " + name);
        }
        return v;
    }
}
