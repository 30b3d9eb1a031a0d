package dev.plugboard.host.runtime;

import dev.plugboard.spi.Progress;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counts the requests and retries a plugin reports and keeps its latest status line. Thread-safe. */
public final class RequestCounter implements Progress {
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final AtomicReference<String> status = new AtomicReference<>("");

    @Override
    public void requestCompleted(String operation) {
        requests.increment();
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

    /** @return the latest status line the plugin reported */
    public String status() {
        return status.get();
    }
}
