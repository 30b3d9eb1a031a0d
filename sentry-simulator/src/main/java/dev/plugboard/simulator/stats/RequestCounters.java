package dev.plugboard.simulator.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe request counters, resettable. */
public final class RequestCounters {
    private final LongAdder total = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();
    private final Map<String, LongAdder> perEndpoint = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rateLimitedPerEndpoint = new ConcurrentHashMap<>();

    /** Counts a request to an endpoint. */
    public void request(String endpointKey) {
        total.increment();
        perEndpoint.computeIfAbsent(endpointKey, k -> new LongAdder()).increment();
    }

    /** Counts a 429 answer of an endpoint. */
    public void rateLimited(String endpointKey) {
        rateLimited.increment();
        rateLimitedPerEndpoint.computeIfAbsent(endpointKey, k -> new LongAdder()).increment();
    }

    /** A snapshot (endpoint maps sorted by key). */
    public RequestStats snapshot() {
        Map<String, Long> per = new TreeMap<>();
        perEndpoint.forEach((k, v) -> per.put(k, v.sum()));
        Map<String, Long> limited = new TreeMap<>();
        rateLimitedPerEndpoint.forEach((k, v) -> limited.put(k, v.sum()));
        return new RequestStats(total.sum(), rateLimited.sum(), per, limited);
    }

    /** Resets every counter. */
    public void reset() {
        total.reset();
        rateLimited.reset();
        perEndpoint.clear();
        rateLimitedPerEndpoint.clear();
    }
}
