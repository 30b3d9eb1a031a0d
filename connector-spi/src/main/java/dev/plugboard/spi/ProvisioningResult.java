package dev.plugboard.spi;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one provisioning operation.
 *
 * @param outcome  what happened
 * @param message  one line for people, e.g. "added member 42 to team backend"
 * @param requests the remote requests made, or with {@link Outcome#PLANNED} the ones that would be made, each as
 *                 {@code METHOD path} (no secrets, no bodies with secrets)
 * @param created  with {@code createAccount}, the new account's resource
 */
public record ProvisioningResult(Outcome outcome, String message, List<String> requests, Optional<ResourceRef> created) {

    /** What a provisioning operation did. */
    public enum Outcome {
        /** The change was made. */
        DONE,
        /** Nothing to do: it was already so (idempotent repeat). */
        ALREADY_SO,
        /** The remote system accepted the request but a person must act (an access request, an invitation). */
        NEEDS_ACTION,
        /** Dry run: nothing was changed; {@link #requests()} says what would be sent. */
        PLANNED
    }

    /** Checks and copies. */
    public ProvisioningResult {
        Checks.present(outcome, "outcome");
        Checks.text(message, "message");
        requests = List.copyOf(Checks.noNulls(requests, "requests"));
        Checks.present(created, "created");
    }

    /** @return a result with no created account */
    public static ProvisioningResult of(Outcome outcome, String message, List<String> requests) {
        return new ProvisioningResult(outcome, message, requests, Optional.empty());
    }
}
