package dev.plugboard.host.sync;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many records of each kind a sync wrote, in all and per resource type (entitlements and grants count under the
 * type of the resource they were listed from).
 *
 * @param resourceTypes how many resource type records
 * @param byType        counts per resource type id, sorted by id
 */
public record SyncCounts(long resourceTypes, SortedMap<String, TypeCounts> byType) {

    /**
     * Counts for one resource type.
     *
     * @param resources    resources of the type
     * @param entitlements entitlements listed from resources of the type
     * @param grants       grants listed from resources of the type
     */
    public record TypeCounts(long resources, long entitlements, long grants) {
        /** Checks the numbers. */
        public TypeCounts {
            if (resources < 0 || entitlements < 0 || grants < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
        }
    }

    /** Checks and copies. */
    public SyncCounts {
        if (resourceTypes < 0) {
            throw new IllegalArgumentException("resourceTypes must not be negative");
        }
        Objects.requireNonNull(byType, "byType");
        byType = Collections.unmodifiableSortedMap(new TreeMap<>(byType));
    }

    /** @return no records */
    public static SyncCounts empty() {
        return new SyncCounts(0, new TreeMap<>());
    }

    /** @return all resources */
    public long resources() {
        return byType.values().stream().mapToLong(TypeCounts::resources).sum();
    }

    /** @return all entitlements */
    public long entitlements() {
        return byType.values().stream().mapToLong(TypeCounts::entitlements).sum();
    }

    /** @return all grants */
    public long grants() {
        return byType.values().stream().mapToLong(TypeCounts::grants).sum();
    }

    /** @return every record but the summary */
    public long records() {
        return resourceTypes + resources() + entitlements() + grants();
    }

    /** Counts as the engine writes; confined to one thread. */
    static final class Tally {
        private long resourceTypes;
        private final TreeMap<String, long[]> byType = new TreeMap<>();

        Tally(SyncCounts start) {
            resourceTypes = start.resourceTypes();
            start.byType().forEach((t, c) -> byType.put(t, new long[] {c.resources(), c.entitlements(), c.grants()}));
        }

        void resourceType() {
            resourceTypes++;
        }

        void add(String type, RecordKind kind, long n) {
            long[] counts = byType.computeIfAbsent(type, t -> new long[3]);
            switch (kind) {
                case RESOURCE -> counts[0] += n;
                case ENTITLEMENT -> counts[1] += n;
                case GRANT -> counts[2] += n;
                default -> throw new IllegalArgumentException(kind + " records are not counted per resource type");
            }
        }

        SyncCounts snapshot() {
            TreeMap<String, TypeCounts> m = new TreeMap<>();
            for (Map.Entry<String, long[]> e : byType.entrySet()) {
                long[] c = e.getValue();
                m.put(e.getKey(), new TypeCounts(c[0], c[1], c[2]));
            }
            return new SyncCounts(resourceTypes, m);
        }
    }
}
