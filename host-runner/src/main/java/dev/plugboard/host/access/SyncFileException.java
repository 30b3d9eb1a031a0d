package dev.plugboard.host.access;

/** A sync file that cannot be used: unreadable, malformed, or not from a completed sync. */
public final class SyncFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and what to do */
    public SyncFileException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, where, and what to do
     * @param cause   the underlying failure
     */
    public SyncFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
