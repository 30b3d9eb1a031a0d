package dev.plugboard.sentry.http;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Hands results to the host off the connector's event loop, so that a host callback that blocks (writing output,
 * or joining another of our stages) can never stall or deadlock the HTTP client. Also makes every failure a
 * {@link ConnectorException}: an unexpected exception is a bug and is reported as INTERNAL.
 */
public final class Async {
    private final Executor executor;

    public Async(Executor executor) {
        this.executor = executor;
    }

    public <T> CompletionStage<T> run(Supplier<? extends CompletionStage<T>> work) {
        CompletableFuture<T> out = new CompletableFuture<>();
        CompletionStage<T> stage;
        try {
            stage = work.get();
        } catch (RuntimeException e) {
            out.completeExceptionally(asConnectorException(e));
            return out;
        }
        stage.whenComplete((value, error) -> {
            Runnable deliver = () -> {
                if (error != null) {
                    out.completeExceptionally(asConnectorException(SentryClient.unwrap(error)));
                } else {
                    out.complete(value);
                }
            };
            try {
                executor.execute(deliver);
            } catch (RejectedExecutionException e) {
                deliver.run();
            }
        });
        return out;
    }

    static ConnectorException asConnectorException(Throwable t) {
        if (t instanceof ConnectorException ce) {
            return ce;
        }
        return new ConnectorException(ErrorKind.INTERNAL, "bug in the Sentry connector: " + t, t);
    }
}
