package dev.plugboard.spi;

/**
 * Where a connector reports what it is doing. The host shows it on a progress line and counts requests in the
 * sync summary. Implementations are thread-safe and cheap; every method has a no-op default.
 */
public interface Progress {

    /**
     * Reports one remote request completed (whatever its status), so the host can count them.
     *
     * @param operation a short, stable name of the endpoint or operation, e.g. {@code GET /organizations/{org}/members/}
     */
    default void requestCompleted(String operation) {
    }

    /**
     * Reports a request retried after a failure or a rate limit.
     *
     * @param reason why, e.g. {@code 429} or {@code connection reset}
     */
    default void requestRetried(String reason) {
    }

    /** @param message a short status line for people */
    default void status(String message) {
    }

    /** @return a progress sink that ignores everything */
    static Progress none() {
        return new Progress() {
        };
    }
}
