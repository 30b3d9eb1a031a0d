package dev.plugboard.conformance;

import java.util.Objects;

/**
 * The outcome of one conformance check.
 *
 * @param name    the check, e.g. "sync: ids are unique"
 * @param status  passed, failed, skipped, or not judged for a wrong input
 * @param message why it failed (what to fix) or why it was skipped; empty when it passed
 */
public record CheckOutcome(String name, Status status, String message) {
    /** How a check ended. */
    public enum Status {
        /** The plugin passes the check. */
        PASSED,
        /** The plugin fails the check; the message says what to fix. */
        FAILED,
        /** The check does not apply (a capability not offered, a fixture value not supplied). */
        SKIPPED,
        /** An input of the fixture is wrong (a {@link WrongInputException}): the check could not judge the plugin. */
        WRONG_INPUT
    }

    /** Checks every component. */
    public CheckOutcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }
}
