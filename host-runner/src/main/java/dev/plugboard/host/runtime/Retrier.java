package dev.plugboard.host.runtime;

import dev.plugboard.spi.ConnectorException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Runs a plugin call and retries it per a {@link RetryPolicy} when it fails with a retryable
 * {@link ConnectorException}. Waits through a {@link Delayer}, never by blocking a thread. Thread-safe.
 *
 * <p>The plugboard commands use {@link #none()}: connectors own the retries of their remote calls (see
 * {@link dev.plugboard.spi.ErrorKind}), so a failure that reaches the host is final for the run, and one failing
 * request is never retried twice over (once by the connector, then again per host attempt).
 */
public final class Retrier {
    private final RetryPolicy policy;
    private final Delayer delayer;
    private final DoubleSupplier random;
    private final Listener listener;

    /** Told about each retry (to count them and show them). */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param what          the call, for people
         * @param failedAttempt the attempt that failed, from 1
         * @param delay         the wait before the next attempt
         * @param cause         why it failed
         */
        void retrying(String what, int failedAttempt, Duration delay, ConnectorException cause);
    }

    /**
     * @param policy   when and how long to retry
     * @param delayer  how to wait
     * @param random   numbers in [0, 1) for the jitter
     * @param listener told about each retry
     */
    public Retrier(RetryPolicy policy, Delayer delayer, DoubleSupplier random, Listener listener) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.delayer = Objects.requireNonNull(delayer, "delayer");
        this.random = Objects.requireNonNull(random, "random");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** @return a retrier that never retries */
    public static Retrier none() {
        return new Retrier(RetryPolicy.none(), Delayer.system(), () -> 0, (w, a, d, c) -> {
        });
    }

    /**
     * @param what a description of the call for messages, e.g. {@code grants of team:7}
     * @param call makes one attempt; may throw instead of returning a failed stage
     * @param <T>  the result type
     * @return the first successful result, or the failure that ended the attempts: a non-retryable failure as
     *         the plugin gave it, or the last retryable one with a note of how many attempts were made
     */
    public <T> CompletionStage<T> call(String what, Supplier<? extends CompletionStage<T>> call) {
        return attempt(what, call, 1);
    }

    private <T> CompletionStage<T> attempt(String what, Supplier<? extends CompletionStage<T>> call, int attempt) {
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            stage = CompletableFuture.failedFuture(new IllegalStateException("the call returned no stage"));
        }
        return stage.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = Futures.unwrap(error);
            if (!(cause instanceof ConnectorException ce) || !ce.kind().retryable()) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            if (attempt >= policy.maxAttempts()) {
                if (policy.maxAttempts() == 1) {
                    return CompletableFuture.<T>failedFuture(ce);
                }
                return CompletableFuture.<T>failedFuture(new ConnectorException(ce.kind(),
                        ce.getMessage() + " (gave up after " + attempt + " attempts)", ce.retryAfter(), ce));
            }
            Duration delay = policy.delay(attempt, ce.retryAfter(), random.getAsDouble());
            listener.retrying(what, attempt, delay, ce);
            return delayer.after(delay).thenCompose(ignored -> attempt(what, call, attempt + 1));
        }).thenCompose(s -> s);
    }
}
