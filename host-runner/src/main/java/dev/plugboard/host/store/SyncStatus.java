package dev.plugboard.host.store;

import java.util.Locale;

/** Where a stored sync stands. */
public enum SyncStatus {
    /** Running now (or killed: the next command that opens the store marks it interrupted). */
    RUNNING,
    /** Finished: its records are the connection's state as of its end. */
    COMPLETED,
    /** Failed (the error is kept); resumable with {@code --resume} until a later sync completes. */
    FAILED,
    /** Stopped (Ctrl-C, or the process died); resumable with {@code --resume} until a later sync completes. */
    INTERRUPTED;

    /** @return the value stored in {@code syncs.status} */
    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a stored value
     * @return the status
     */
    public static SyncStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
