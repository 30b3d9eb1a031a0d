package dev.plugboard.spi;

/**
 * What went wrong, in the terms the host acts on (exit codes, messages).
 *
 * <p><b>Retries have one owner: the connector.</b> A connector retries its own transient failures (it alone knows
 * which requests are safe to send again and what the remote system's rate limits and {@code Retry-After} mean),
 * within a bound it documents, and states what it tried in the message of the failure it finally reports (e.g.
 * "gave up after 5 attempts (HTTP 500, timeout, …)"). A {@link ConnectorException} that reaches the host is final
 * for the operation: the host does not call again, so a failing request is never retried once per host attempt
 * on top of the connector's own retries. {@link #retryable()} tells the person running the host (and a later run,
 * such as {@code sync --resume}) that the same operation may succeed later.
 */
public enum ErrorKind {
    /** The configuration cannot work (bad URL, unknown organization slug form…). Not retried. */
    CONFIG,
    /** The credential is missing, wrong, expired or for something else. Not retried. */
    AUTHENTICATION,
    /** The credential is valid but lacks a permission; the message names it. Not retried. */
    PERMISSION,
    /** A named thing does not exist or is not visible. Not retried. */
    NOT_FOUND,
    /** The request was refused or cannot be done as asked (bad parameter, conflicting state). Not retried. */
    INVALID_REQUEST,
    /**
     * The remote system kept asking to slow down past the connector's waits; {@link ConnectorException#retryAfter()}
     * says when a later run may try again.
     */
    RATE_LIMITED,
    /**
     * The remote system failed, could not be reached, or answered something the connector cannot use (a body that is
     * not JSON, a record without its id, an answer over the size limit), after the connector's own retries; worth
     * trying again later.
     */
    UNAVAILABLE,
    /** The operation was cancelled through {@link Cancellation}. */
    CANCELLED,
    /** A bug in the connector (a malformed remote answer is UNAVAILABLE, not this). Not retried. */
    INTERNAL;

    /**
     * @return whether the same operation may succeed when run again later (the connector has already retried it
     *     as far as it documents; the host does not retry it within the run)
     */
    public boolean retryable() {
        return this == RATE_LIMITED || this == UNAVAILABLE;
    }
}
