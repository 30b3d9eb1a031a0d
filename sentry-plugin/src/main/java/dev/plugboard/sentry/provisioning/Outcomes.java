package dev.plugboard.sentry.provisioning;

import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ProvisioningResult.Outcome;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The results every operation ends with, written once: DONE/NEEDS_ACTION with the requests sent, ALREADY_SO (or,
 * in a dry run, PLANNED with nothing to send), and PLANNED with the writes a dry run would send.
 */
final class Outcomes {
    private Outcomes() {
    }

    /** @return the outcome, with every request sent so far */
    static ProvisioningResult result(Remote remote, Outcome outcome, String message) {
        return ProvisioningResult.of(outcome, message, remote.sent());
    }

    /**
     * @param state what is already so, e.g. "member 12 is already in team 'backend' (team:5)"
     * @return ALREADY_SO saying so; in a dry run, PLANNED saying so and that nothing would be sent
     */
    static ProvisioningResult alreadySo(Remote remote, boolean dry, String state) {
        return dry ? planned(remote, state + ": nothing would be sent", List.of())
                : result(remote, Outcome.ALREADY_SO, state);
    }

    /** @return PLANNED with the writes a dry run would send, saying how many reads checked it */
    static ProvisioningResult planned(Remote remote, String message, List<SentryRequest> writes) {
        int reads = remote.count();
        String checked = reads == 0 ? "" : " (checked with " + reads + (reads == 1 ? " read" : " reads")
                + ", nothing changed)";
        return ProvisioningResult.of(Outcome.PLANNED, message + checked, writes.stream().map(SentryRequest::describe)
                .toList());
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** @return the failure as a {@link ConnectorException}; anything else is a bug (INTERNAL) */
    static ConnectorException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ConnectorException ce ? ce
                : new ConnectorException(ErrorKind.INTERNAL, "bug in the Sentry connector's provisioning: " + t, t);
    }
}
