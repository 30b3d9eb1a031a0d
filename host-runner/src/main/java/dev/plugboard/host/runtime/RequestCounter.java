package dev.plugboard.host.runtime;

import dev.plugboard.spi.Progress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counts the requests and retries a plugin reports, per operation, and keeps its latest status line. */
public final class RequestCounter implements Progress {
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
    private final AtomicReference<String> status = new AtomicReference<>("");

    @Override
    public void requestCompleted(String operation) {
        requests.increment();
        byOperation.computeIfAbsent(String.valueOf(operation), k -> new LongAdder()).increment();
    }

    @Override
    public void requestRetried(String reason) {
        retries.increment();
    }

    @Override
    public void status(String message) {
        status.set(message == null ? "" : message);
    }

    /** @return requests reported so far */
    public long requests() {
        return requests.sum();
    }

    /** @return retries reported so far */
    public long retries() {
        return retries.sum();
    }

    /** @return requests per operation, sorted by operation */
    public Map<String, Long> byOperation() {
        Map<String, Long> copy = new TreeMap<>();
        byOperation.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** @return the latest status line the plugin reported */
    public String status() {
        return status.get();
    }
}
