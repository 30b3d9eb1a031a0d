package dev.plugboard.host.runtime;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What the host does with the failures of plugin stages: the one place their wrappers are taken off. */
public final class Futures {
    private Futures() {
    }

    /**
     * @param error a failure as a stage or a future reports it
     * @return the failure inside any {@link CompletionException} and {@link ExecutionException} wrappers
     */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
