package dev.plugboard.conformance;

import dev.plugboard.spi.ResourceRef;
import java.util.Objects;

/**
 * What the provisioning check grants and then revokes. The principal must not hold the entitlement before the
 * suite runs, and both must appear in a sync of the working config.
 *
 * @param entitlementId an entitlement id exactly as a sync lists it
 * @param principal     a principal as a sync lists it
 */
public record ProvisioningProbe(String entitlementId, ResourceRef principal) {
    /** Checks every component. */
    public ProvisioningProbe {
        Objects.requireNonNull(entitlementId, "entitlementId");
        Objects.requireNonNull(principal, "principal");
        if (entitlementId.isBlank()) {
            throw new IllegalArgumentException("entitlementId must not be blank");
        }
    }
}
