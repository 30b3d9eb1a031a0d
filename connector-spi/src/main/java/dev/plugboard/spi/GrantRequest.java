package dev.plugboard.spi;

/**
 * Asks for a principal to hold an entitlement.
 *
 * @param entitlementId an entitlement id exactly as a sync lists it
 * @param principal     who should hold it, as a sync lists it
 * @param dryRun        when true, change nothing and answer {@link ProvisioningResult.Outcome#PLANNED}
 */
public record GrantRequest(String entitlementId, ResourceRef principal, boolean dryRun) {

    /** Checks every component. */
    public GrantRequest {
        Checks.text(entitlementId, "entitlementId");
        Checks.present(principal, "principal");
    }
}
