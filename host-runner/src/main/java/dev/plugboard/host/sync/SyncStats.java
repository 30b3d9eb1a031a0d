package dev.plugboard.host.sync;

import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Progress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts what a plugin reports through {@link Progress} and what the host retries. Give it to the connector's
 * context as its progress sink and to the {@link Retrier} as its listener. Thread-safe.
 */
public final class SyncStats implements Progress, Retrier.Listener {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong pluginRetries = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicReference<String> status = new AtomicReference<>("");
    private final java.util.function.LongSupplier extraRequests;
    private final java.util.function.LongSupplier extraPluginRetries;
    private final java.util.function.Supplier<String> pluginStatus;

    /** Counts what is reported to this object itself. */
    public SyncStats() {
        this(() -> 0, () -> 0, () -> "");
    }

    /**
     * Also counts what the plugin reports to another progress sink (the connector's context, opened elsewhere).
     *
     * @param requests      requests reported there
     * @param pluginRetries retries reported there
     * @param pluginStatus  the latest status line reported there
     */
    public SyncStats(java.util.function.LongSupplier requests, java.util.function.LongSupplier pluginRetries,
                     java.util.function.Supplier<String> pluginStatus) {
        this.extraRequests = requests;
        this.extraPluginRetries = pluginRetries;
        this.pluginStatus = pluginStatus;
    }

    @Override
    public void requestCompleted(String operation) {
        requests.incrementAndGet();
    }

    @Override
    public void requestRetried(String reason) {
        pluginRetries.incrementAndGet();
    }

    @Override
    public void status(String message) {
        status.set(message == null ? "" : message);
    }

    @Override
    public void retrying(String what, int failedAttempt, Duration delay, ConnectorException cause) {
        retries.incrementAndGet();
        status.set("retrying " + what + " in " + delay.toMillis() + " ms: " + cause.getMessage());
    }

    /** @return requests the plugin reported */
    public long requests() {
        return requests.get() + extraRequests.getAsLong();
    }

    /** @return retries the plugin reported */
    public long pluginRetries() {
        return pluginRetries.get() + extraPluginRetries.getAsLong();
    }

    /** @return calls the host retried */
    public long retries() {
        return retries.get();
    }

    /** @return the latest status line from the plugin or a retry, or empty */
    public String status() {
        String own = status.get();
        return own.isEmpty() ? pluginStatus.get() : own;
    }
}
