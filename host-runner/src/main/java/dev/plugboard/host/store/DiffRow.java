package dev.plugboard.host.store;

import java.util.List;
import java.util.Objects;

/**
 * One change between two syncs: a record added, removed or changed, or effective access gained or lost.
 * Unknown values are empty strings.
 *
 * @param change      {@code added}, {@code removed}, {@code changed}, {@code gained} or {@code lost}
 * @param kind        {@code resourceType}, {@code resource}, {@code entitlement}, {@code grant}, or {@code access}
 * @param id          the record's key, or for access the principal ({@code type:id})
 * @param name        the resource's or principal's display name
 * @param entitlement the grant's or access's entitlement
 * @param principal   the grant's principal ({@code type:id}); for access the same as {@code id}
 * @param path        for access: how it is held ({@code direct}, or entitlements joined with {@code " -> "})
 * @param detail      what changed: the fields (with before and after), or for access the grant changes that caused it
 */
public record DiffRow(String change, String kind, String id, String name, String entitlement, String principal,
                      String path, String detail) {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("change", "kind", "id", "name", "entitlement", "principal",
            "path", "detail");

    /** Checks that nothing is null. */
    public DiffRow {
        for (String v : new String[] {change, kind, id, name, entitlement, principal, path, detail}) {
            Objects.requireNonNull(v, "diff row values must not be null (use empty text)");
        }
    }

    /** @return the values in {@link #COLUMNS} order */
    public List<String> values() {
        return List.of(change, kind, id, name, entitlement, principal, path, detail);
    }
}
