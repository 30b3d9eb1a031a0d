package dev.plugboard.host.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A lease to record before its grant is sent.
 *
 * @param entitlementId the entitlement
 * @param principal     who gets it, {@code type:id}
 * @param reason        why
 * @param requestedBy   who asked
 * @param grantedBy     the operating-system user running the grant
 * @param requestedAt   now
 * @param endsAt        when it ends; after {@code requestedAt}
 */
public record LeaseRequest(String entitlementId, String principal, Optional<String> reason,
                           Optional<String> requestedBy, String grantedBy, Instant requestedAt, Instant endsAt) {
    /** Checks every component. */
    public LeaseRequest {
        Objects.requireNonNull(entitlementId, "entitlementId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (!endsAt.isAfter(requestedAt)) {
            throw new IllegalArgumentException("a lease ends after it starts");
        }
    }
}
