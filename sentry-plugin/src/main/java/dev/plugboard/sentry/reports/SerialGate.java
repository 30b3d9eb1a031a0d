package dev.plugboard.sentry.reports;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs asynchronous calls one at a time, in the order they were submitted (one gate per serial endpoint). */
final class SerialGate {
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

    /**
     * @param call starts the call; invoked once every earlier call has finished
     * @return the call's outcome
     */
    <T> CompletionStage<T> submit(Supplier<? extends CompletionStage<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = tail;
            tail = done;
        }
        previous.whenComplete((ignored, ignoredError) -> {
            CompletionStage<T> stage;
            try {
                stage = call.get();
            } catch (RuntimeException e) {
                done.complete(null);
                result.completeExceptionally(e);
                return;
            }
            stage.whenComplete((value, error) -> {
                done.complete(null);
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
        });
        return result;
    }
}
