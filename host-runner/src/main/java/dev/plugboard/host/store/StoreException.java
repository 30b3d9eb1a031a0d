package dev.plugboard.host.store;

import java.util.Objects;

/** The store cannot do what was asked; the message says why and what to do, and never holds a secret. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, so a command can choose its exit code. */
    public enum Problem {
        /** Bad arguments: an unknown connection or sync, a bad date, nothing to resume. */
        USAGE,
        /** The store cannot be opened or used: not a store, corrupt, read-only, unreachable, a newer version. */
        UNAVAILABLE,
        /** PostgreSQL refused the user or password. */
        AUTHENTICATION,
        /** Another sync of the same connection is running. */
        CONFLICT
    }

    private final Problem problem;

    /**
     * @param problem what went wrong
     * @param message what and what to do
     */
    public StoreException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /**
     * @param problem what went wrong
     * @param message what and what to do
     * @param cause   the underlying failure
     */
    public StoreException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return what went wrong */
    public Problem problem() {
        return problem;
    }
}
