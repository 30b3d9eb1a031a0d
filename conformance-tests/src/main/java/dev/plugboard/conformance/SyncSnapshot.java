package dev.plugboard.conformance;

import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One full sync of a connector through the host's sync engine, with the problems found on the way.
 *
 * @param types        the declared resource types
 * @param resources    every resource listed, in order, duplicates included
 * @param entitlements every entitlement listed
 * @param grants       every grant listed
 * @param problems     problems by the check that reports them
 */
record SyncSnapshot(List<ResourceType> types, List<Resource> resources, List<Entitlement> entitlements,
                    List<Grant> grants, Map<Kind, List<String>> problems) {

    /** Which check reports a problem. */
    enum Kind {
        /** A listing failed. */
        LISTINGS,
        /** Tokens repeat or never end. */
        PAGING,
        /** Undeclared types. */
        TYPES,
        /** Duplicate ids. */
        UNIQUE,
        /** Parents that were not listed. */
        PARENTS,
        /** Entitlements of resources that were not listed. */
        ENTITLEMENTS,
        /** Grants of unknown entitlements or principals. */
        GRANTS
    }

    SyncSnapshot {
        types = List.copyOf(types);
        resources = List.copyOf(resources);
        entitlements = List.copyOf(entitlements);
        grants = List.copyOf(grants);
        Map<Kind, List<String>> copy = new EnumMap<>(Kind.class);
        problems.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        problems = copy;
    }

    List<String> problems(Kind kind) {
        return problems.getOrDefault(kind, List.of());
    }

    /** @return whether every listing completed (no failure, no endless tokens) */
    boolean complete() {
        return problems(Kind.LISTINGS).isEmpty() && problems(Kind.PAGING).isEmpty();
    }
}
