package dev.plugboard.host.config;

/** A configuration file that cannot be read, parsed or resolved; the message says what to fix. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause   the underlying failure
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
