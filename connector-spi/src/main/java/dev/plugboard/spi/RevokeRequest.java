package dev.plugboard.spi;

/**
 * Asks for a principal to no longer hold an entitlement. The host builds it from a grant id or from an
 * entitlement and a principal.
 *
 * @param entitlementId an entitlement id exactly as a sync lists it
 * @param principal     who holds it
 * @param dryRun        when true, change nothing and answer {@link ProvisioningResult.Outcome#PLANNED}
 */
public record RevokeRequest(String entitlementId, ResourceRef principal, boolean dryRun) {

    /** Checks every component. */
    public RevokeRequest {
        Checks.text(entitlementId, "entitlementId");
        Checks.present(principal, "principal");
    }
}
