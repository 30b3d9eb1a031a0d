package dev.plugboard.host.cli;

import dev.plugboard.spi.ErrorKind;

/** The {@code plugboard} command's exit codes; documented in the README. */
public enum ExitCode {
    /** Success: the command did everything it was asked. */
    OK(0),
    /** A bug in the host or a plugin, or an answer nobody expected. */
    INTERNAL(1),
    /** Bad command line: unknown command or option, missing argument, unknown plugin or report. */
    USAGE(2),
    /** The configuration or parameters are invalid (schema errors, unresolvable references, failed check). */
    INVALID_CONFIG(3),
    /** The credential was refused or lacks a permission. */
    AUTH(4),
    /** The remote system failed, rate-limited us past our retries, or refused a request. */
    REMOTE(5),
    /**
     * The output could not be written: a full disk, an unwritable folder, or another run writing the same file. A
     * sync keeps {@code OUT.partial} and its checkpoint for {@code --resume}.
     */
    OUTPUT(6),
    /** The store failed: not a store, damaged, read-only, written by a newer Plugboard, PostgreSQL down or refusing the login. */
    STORE(7),
    /** A sync of the same connection is already running. */
    BUSY(8),
    /** {@code expire}: a lease past its end did not end (its revoke failed, the target still lists it, or it needs a person). */
    NOT_ENDED(9),
    /** Accepted, but not in effect until a person acts (an access request awaits approval, an invitation). */
    PENDING(10),
    /** Interrupted (Ctrl-C) or cancelled. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** @return the process exit status */
    public int code() {
        return code;
    }

    /**
     * @param kind a connector error kind
     * @return the exit code for a command that failed with it
     */
    public static ExitCode of(ErrorKind kind) {
        return switch (kind) {
            case CONFIG -> INVALID_CONFIG;
            case AUTHENTICATION, PERMISSION -> AUTH;
            case NOT_FOUND, INVALID_REQUEST, RATE_LIMITED, UNAVAILABLE -> REMOTE;
            case CANCELLED -> INTERRUPTED;
            case INTERNAL -> INTERNAL;
        };
    }
}
