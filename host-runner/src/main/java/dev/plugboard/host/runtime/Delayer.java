package dev.plugboard.host.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Waits without holding a thread, so retries can back off; tests inject one that records and does not wait. */
@FunctionalInterface
public interface Delayer {

    /**
     * @param delay how long to wait
     * @return a stage completing after the delay
     */
    CompletionStage<Void> after(Duration delay);

    /** @return a delayer on the JDK's shared delay scheduler */
    static Delayer system() {
        return delay -> CompletableFuture.runAsync(() -> {
        }, CompletableFuture.delayedExecutor(Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS));
    }
}
