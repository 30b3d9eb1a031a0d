package dev.plugboard.host.cli;

import java.util.Objects;

/** A command failed for a reason the user can act on; carries the exit code. The message is already masked. */
public final class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ExitCode exitCode;

    /**
     * @param exitCode the exit code
     * @param message  what failed and what to do
     */
    public HostException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /**
     * @param exitCode the exit code
     * @param message  what failed and what to do
     * @param cause    the underlying failure
     */
    public HostException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** @return the exit code */
    public ExitCode exitCode() {
        return exitCode;
    }
}
