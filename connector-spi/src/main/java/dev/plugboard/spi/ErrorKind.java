package dev.plugboard.spi;

/** What went wrong, in the terms the host acts on (exit codes, retries, messages). */
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
    /** The remote system asked to slow down; {@link ConnectorException#retryAfter()} says when to retry. */
    RATE_LIMITED,
    /** The remote system failed or could not be reached; worth retrying. */
    UNAVAILABLE,
    /** The operation was cancelled through {@link Cancellation}. */
    CANCELLED,
    /** A bug or an answer the connector cannot understand. Not retried. */
    INTERNAL;

    /** @return whether the host may retry an operation that failed with this kind */
    public boolean retryable() {
        return this == RATE_LIMITED || this == UNAVAILABLE;
    }
}
