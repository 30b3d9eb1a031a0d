package dev.plugboard.host.store;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which stored records to read. Without a principal, entitlements or {@code expandable}, every record of the kinds;
 * otherwise the records of the kinds that match any of them.
 *
 * @param kinds        the record kinds ({@code resourceType}, {@code resource}, {@code entitlement}, {@code grant})
 * @param principal    grants to this principal ({@code type:id})
 * @param entitlements grants of these entitlements, and these entitlements
 * @param expandable   expandable grants
 */
public record RecordFilter(Set<String> kinds, Optional<String> principal, Set<String> entitlements,
                           boolean expandable) {
    /** Every kind of record. */
    public static final Set<String> ALL_KINDS = Set.of("resourceType", "resource", "entitlement", "grant");

    /** Checks and copies. */
    public RecordFilter {
        kinds = Set.copyOf(kinds);
        Objects.requireNonNull(principal, "principal");
        entitlements = Set.copyOf(entitlements);
    }

    /** @return every record */
    public static RecordFilter all() {
        return new RecordFilter(ALL_KINDS, Optional.empty(), Set.of(), false);
    }

    /** @return whether it selects by principal, entitlement or expandability */
    public boolean narrowed() {
        return principal.isPresent() || !entitlements.isEmpty() || expandable;
    }
}
