package dev.plugboard.spi;

import java.util.concurrent.CompletionStage;

/**
 * Changes access in the remote system, for just-in-time access: grant when approved, revoke when it expires.
 * Every operation is idempotent: repeating it answers {@link ProvisioningResult.Outcome#ALREADY_SO}. A failed
 * operation leaves the remote system as it was (or says exactly what it changed in its error message). Problems
 * fail the stage with a {@link ConnectorException} (NOT_FOUND for an unknown entitlement or principal,
 * PERMISSION for a missing scope, INVALID_REQUEST for what the remote refuses).
 */
public interface Provisioning {

    /**
     * @param request what to grant
     * @return the outcome
     */
    CompletionStage<ProvisioningResult> grant(GrantRequest request);

    /**
     * @param request what to revoke
     * @return the outcome
     */
    CompletionStage<ProvisioningResult> revoke(RevokeRequest request);

    /**
     * Creates an account. The default refuses: connectors that can create accounts override it.
     *
     * @param request the account's attributes
     * @return the outcome, with the new account in {@link ProvisioningResult#created()}
     */
    default CompletionStage<ProvisioningResult> createAccount(AccountRequest request) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new ConnectorException(ErrorKind.INVALID_REQUEST, "this connector cannot create accounts"));
    }

    /**
     * Deletes an account. The default refuses: connectors that can delete accounts override it.
     *
     * @param account the account as a sync lists it
     * @param dryRun  when true, change nothing and answer {@link ProvisioningResult.Outcome#PLANNED}
     * @return the outcome
     */
    default CompletionStage<ProvisioningResult> deleteAccount(ResourceRef account, boolean dryRun) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new ConnectorException(ErrorKind.INVALID_REQUEST, "this connector cannot delete accounts"));
    }
}
