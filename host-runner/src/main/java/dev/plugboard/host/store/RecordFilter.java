package dev.plugboard.host.store;

import java.util.Set;

/**
 * Which stored records to read. Without principals, entitlements or {@code expandable}, every record of the kinds;
 * otherwise the records of the kinds that match any of them.
 *
 * @param kinds        the record kinds ({@code resourceType}, {@code resource}, {@code entitlement}, {@code grant})
 * @param principals   grants to these principals ({@code type:id}), and these principals' own resources
 * @param entitlements grants of these entitlements, and these entitlements
 * @param expandable   expandable grants
 */
public record RecordFilter(Set<String> kinds, Set<String> principals, Set<String> entitlements,
                           boolean expandable) {
    /** Every kind of record. */
    public static final Set<String> ALL_KINDS = Set.of("resourceType", "resource", "entitlement", "grant");

    /** Checks and copies. */
    public RecordFilter {
        kinds = Set.copyOf(kinds);
        principals = Set.copyOf(principals);
        entitlements = Set.copyOf(entitlements);
    }

    /** @return every record */
    public static RecordFilter all() {
        return new RecordFilter(ALL_KINDS, Set.of(), Set.of(), false);
    }

    /** @return whether it selects by principal, entitlement or expandability */
    public boolean narrowed() {
        return !principals.isEmpty() || !entitlements.isEmpty() || expandable;
    }
}
