package dev.plugboard.simulator.stats;

import java.util.Map;

/**
 * A snapshot of the request counters: the total of API requests, how many got 429, and both per endpoint
 * ({@code METHOD template}, e.g. {@code GET /api/0/teams/{org}/{team}/members/}; unknown paths count under
 * {@code METHOD (unmatched)}).
 */
public record RequestStats(long total, long rateLimited, Map<String, Long> perEndpoint,
                           Map<String, Long> rateLimitedPerEndpoint) {

    /** Copies the maps. */
    public RequestStats {
        perEndpoint = Map.copyOf(perEndpoint);
        rateLimitedPerEndpoint = Map.copyOf(rateLimitedPerEndpoint);
    }

    /** The count of one endpoint (0 if never called). */
    public long count(String endpointKey) {
        return perEndpoint.getOrDefault(endpointKey, 0L);
    }

    /** The 429 count of one endpoint. */
    public long rateLimited(String endpointKey) {
        return rateLimitedPerEndpoint.getOrDefault(endpointKey, 0L);
    }
}
