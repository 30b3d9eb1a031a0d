package dev.plugboard.host.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One version of a record (resource type, resource, entitlement or grant) and the completed syncs that saw it: its
 * validity interval.
 *
 * @param kind        the record kind, as in the sync format ({@code resource}, {@code grant}, ...)
 * @param key         what identifies it within its kind ({@code type:id} for a resource, the id otherwise)
 * @param hash        the hash of its content: equal content, equal hash
 * @param firstSyncId the first completed sync that saw this version
 * @param lastSyncId  the last completed sync that saw it (empty while only a running sync has)
 * @param json        the record as its sync-format JSON line (without the newline)
 * @param entitlement a grant's entitlement, or an entitlement's own id
 * @param principal   a grant's principal ({@code type:id})
 * @param expandable  whether it is an expandable grant
 */
public record StoredRecord(String kind, String key, String hash, long firstSyncId, Optional<Long> lastSyncId,
                           String json, Optional<String> entitlement, Optional<String> principal,
                           boolean expandable) {
    /** Checks every component. */
    public StoredRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(lastSyncId, "lastSyncId");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(entitlement, "entitlement");
        Objects.requireNonNull(principal, "principal");
    }
}
