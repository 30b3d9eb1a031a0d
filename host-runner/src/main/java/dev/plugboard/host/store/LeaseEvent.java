package dev.plugboard.host.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One step in a lease's life, recorded as it happens: a grant or revoke is recorded as started before it is sent
 * and with its answer after, so a process that stops in between leaves a started step without an answer.
 *
 * @param leaseId  the lease
 * @param at       when
 * @param event    {@code grant_started}, {@code granted}, {@code grant_failed}, {@code revoke_started},
 *                 {@code revoked}, {@code revoke_failed}, {@code kept}, {@code handed_over}, {@code verified}
 * @param outcome  the outcome, when the step has one
 * @param message  what was answered or found (secrets masked)
 * @param requests the requests sent, as the plugin described them (secrets masked)
 */
public record LeaseEvent(long leaseId, Instant at, String event, Optional<String> outcome, Optional<String> message,
                         List<String> requests) {
    /** Checks and copies. */
    public LeaseEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        requests = List.copyOf(requests);
    }
}
