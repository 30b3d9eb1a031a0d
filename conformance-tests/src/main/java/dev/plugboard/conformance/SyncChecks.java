package dev.plugboard.conformance;

import dev.plugboard.conformance.SyncSnapshot.Kind;
import dev.plugboard.spi.Capability;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Conformance checks of the plugin's resource sync, run through the host's own {@code SyncEngine} at the plugin's
 * default concurrency, as {@code plugboard sync} runs it: every listing completes, page tokens end, types are
 * declared, ids are unique, references resolve, and two syncs agree. Skipped when the plugin does not declare
 * {@code RESOURCE_SYNC}.
 */
public interface SyncChecks extends ConformanceChecks {
    private static SyncSnapshot sync(SuiteRun run) {
        Assumptions.assumeTrue(run.session().descriptor().offers(Capability.RESOURCE_SYNC),
                "the plugin does not declare RESOURCE_SYNC");
        return run.session().firstSync();
    }

    private static void failSync(SyncSnapshot snapshot, Kind kind, String heading) {
        Problems problems = new Problems();
        problems.addAll(snapshot.problems(kind));
        if (!problems.isEmpty() && !snapshot.complete()) {
            problems.note("(the sync did not complete, so this check saw only part of it: see 'sync: every listing"
                    + " completes')");
        }
        problems.failIfAny(heading);
    }

    @Test
    @Order(500)
    @DisplayName("sync: every listing completes")
    default void syncListingsComplete(SuiteRun run) {
        failSync(sync(run), Kind.LISTINGS, "listings failed during a sync of the working config: a listing of a"
                + " resource the connector itself returned must succeed");
    }

    @Test
    @Order(510)
    @DisplayName("sync: page tokens end and never repeat")
    default void syncPageTokensTerminate(SuiteRun run) {
        failSync(sync(run), Kind.PAGING, "page tokens must lead forward and run out (the last page has no nextToken)");
    }

    @Test
    @Order(520)
    @DisplayName("sync: every resource's type is declared")
    default void syncTypesDeclared(SuiteRun run) {
        failSync(sync(run), Kind.TYPES, "every resource type listed must be one of resourceTypes()");
    }

    @Test
    @Order(530)
    @DisplayName("sync: ids are unique")
    default void syncIdsUnique(SuiteRun run) {
        failSync(sync(run), Kind.UNIQUE, "resource ids must be unique within their type, and entitlement and grant ids"
                + " unique");
    }

    @Test
    @Order(540)
    @DisplayName("sync: every parent exists")
    default void syncParentsExist(SuiteRun run) {
        failSync(sync(run), Kind.PARENTS, "a resource's parent must be a resource the sync lists");
    }

    @Test
    @Order(550)
    @DisplayName("sync: every entitlement's resource exists")
    default void syncEntitlementResourcesExist(SuiteRun run) {
        failSync(sync(run), Kind.ENTITLEMENTS, "an entitlement must belong to a listed resource and be grantable to"
                + " declared types");
    }

    @Test
    @Order(560)
    @DisplayName("sync: every grant's entitlement and principal exist")
    default void syncGrantReferencesExist(SuiteRun run) {
        failSync(sync(run), Kind.GRANTS, "a grant must name a listed entitlement and a listed principal");
    }

    @Test
    @Order(570)
    @DisplayName("sync: two syncs give the same records")
    default void syncIsRepeatable(SuiteRun run) {
        SyncSnapshot first = sync(run);
        SyncSnapshot second = run.session().freshSync();
        Problems problems = new Problems();
        difference(problems, "resource", first.resources(), second.resources());
        difference(problems, "entitlement", first.entitlements(), second.entitlements());
        difference(problems, "grant", first.grants(), second.grants());
        problems.failIfAny("two syncs of an unchanged backend differ: ids, names and profiles must be stable (no"
                + " timestamps of the sync itself, no random ids)");
    }

    private static <T> void difference(Problems problems, String what, List<T> first, List<T> second) {
        Set<T> a = new LinkedHashSet<>(first);
        Set<T> b = new LinkedHashSet<>(second);
        a.stream().filter(x -> !b.contains(x)).limit(5)
                .forEach(x -> problems.add("only in the first sync: " + what + " " + Problems.shorten(x.toString(), 200)));
        b.stream().filter(x -> !a.contains(x)).limit(5)
                .forEach(x -> problems.add("only in the second sync: " + what + " " + Problems.shorten(x.toString(), 200)));
    }
}
