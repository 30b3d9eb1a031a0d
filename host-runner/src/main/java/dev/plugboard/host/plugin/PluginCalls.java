package dev.plugboard.host.plugin;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs every call into a plugin on the host's own threads with a deadline, so a plugin that loops forever,
 * never returns or returns a stage that never completes cannot hang a command: the call fails with a
 * {@link ConnectorException} of kind {@link ErrorKind#INTERNAL} that names the plugin, the call and the deadline. A
 * {@link Throwable} a plugin throws (a {@code StackOverflowError}, an {@code AssertionError}) becomes the same kind
 * of failure instead of ending the host. A call that timed out keeps its thread (Java cannot stop it); the command
 * still ends, since {@code plugboard} ends with {@code System.exit}. The threads are not daemons, like the thread
 * that called plugins before, so threads a plugin starts during a call inherit the same daemon status as ever.
 */
public final class PluginCalls implements AutoCloseable {
    /**
     * The default deadline of one call into a plugin: 10 minutes, above the Sentry plugin's own worst case for one
     * request (5 tries of 30 s and at most 5 minutes of waits).
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Duration timeout;
    private final ExecutorService threads;
    private final ScheduledThreadPoolExecutor timer;

    /** @param timeout the deadline of each call, at least one millisecond */
    public PluginCalls(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("a plugin call deadline must be positive, got " + timeout);
        }
        this.threads = Executors.newCachedThreadPool(threads("plugboard-plugin-call-", false));
        this.timer = new ScheduledThreadPoolExecutor(1, threads("plugboard-plugin-deadline-", true));
        timer.setRemoveOnCancelPolicy(true); // a completed call's deadline does not hold its result until it is due
    }

    /** @return the deadline of each call */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Runs a synchronous call and waits for it, at most the deadline.
     *
     * @param pluginId the plugin, for messages
     * @param what     the call, for messages, e.g. {@code resourceTypes()}
     * @param loader   the plugin's class loader (the context class loader during the call)
     * @param call     the call
     * @param <T>      its result type
     * @return its result (possibly null: the caller checks)
     * @throws ConnectorException of kind INTERNAL when it does not return within the deadline or throws an Error
     * @throws RuntimeException   what the call threw
     */
    public <T> T call(String pluginId, String what, ClassLoader loader, Supplier<T> call) {
        Future<T> future;
        try {
            future = threads.submit(() -> ContextClassLoader.with(loader, call));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("plugin '" + pluginId + "' was called after the host closed it", e);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(pluginId, what, "return from");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorKind.CANCELLED, "interrupted while waiting for plugin '" + pluginId
                    + "' to return from " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw failed(pluginId, what, cause);
        }
    }

    /**
     * Starts an asynchronous call on a host thread and gives its stage a deadline.
     *
     * @param pluginId the plugin, for messages
     * @param what     the call, for messages, e.g. {@code grants(team 7)}
     * @param loader   the plugin's class loader
     * @param call     the call
     * @param <T>      its result type
     * @return a stage completed as the plugin's is, or failed when the deadline passes first, when the call throws or
     *         when it returns null
     */
    public <T> CompletionStage<T> stage(String pluginId, String what, ClassLoader loader,
                                        Supplier<CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            ScheduledFuture<?> deadline = timer.schedule(
                    () -> result.completeExceptionally(timedOut(pluginId, what, "complete")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((value, failure) -> deadline.cancel(false));
            threads.execute(() -> {
                try {
                    CompletionStage<T> stage = ContextClassLoader.with(loader, call);
                    if (stage == null) {
                        result.completeExceptionally(new IllegalStateException("plugin '" + pluginId
                                + "' returned null from " + what + " instead of a CompletionStage"));
                        return;
                    }
                    stage.whenComplete((value, failure) -> {
                        if (failure == null) {
                            result.complete(value);
                        } else {
                            result.completeExceptionally(failure instanceof Error error ? failed(pluginId, what, error)
                                    : failure);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                } catch (Throwable e) { // an Error from the plugin ends this call, never the host
                    result.completeExceptionally(failed(pluginId, what, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("plugin '" + pluginId
                    + "' was called after the host closed it", e));
        }
        return result;
    }

    private ConnectorException timedOut(String pluginId, String what, String verb) {
        return new ConnectorException(ErrorKind.INTERNAL, "plugin '" + pluginId + "' did not " + verb + " " + what
                + " within " + describe(timeout) + " (the host's deadline for one plugin call; a plugin bug or a"
                + " server that stalls; raise it with --plugin-timeout SECONDS)");
    }

    private static ConnectorException failed(String pluginId, String what, Throwable error) {
        return new ConnectorException(ErrorKind.INTERNAL, "plugin '" + pluginId + "' failed in " + what + ": "
                + error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                + " (a bug in the plugin)", error);
    }

    /**
     * @param duration a duration
     * @return it in whole seconds ({@code 300 s}), or milliseconds under a second
     */
    static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static ThreadFactory threads(String prefix, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(daemon);
            // never the plugin's loader, which a thread created while a plugin's event loop calls back would inherit
            thread.setContextClassLoader(PluginCalls.class.getClassLoader());
            return thread;
        };
    }

    /** Stops the threads: calls still running are interrupted and abandoned. */
    @Override
    public void close() {
        threads.shutdownNow();
        timer.shutdownNow();
    }
}
