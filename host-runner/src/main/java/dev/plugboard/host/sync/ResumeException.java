package dev.plugboard.host.sync;

/** A sync cannot be resumed as asked (no checkpoint, or one taken for another plugin, configuration or types). */
public final class ResumeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what does not match and what to do */
    public ResumeException(String message) {
        super(message);
    }

    /**
     * @param message what does not match and what to do
     * @param cause   the underlying failure
     */
    public ResumeException(String message, Throwable cause) {
        super(message, cause);
    }
}
