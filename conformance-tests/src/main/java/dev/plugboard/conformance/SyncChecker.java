package dev.plugboard.conformance;

import dev.plugboard.conformance.SyncSnapshot.Kind;
import dev.plugboard.host.runtime.Futures;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.Checkpointer;
import dev.plugboard.host.sync.SyncEngine;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Syncs a connector through the host's own {@link SyncEngine}, at the plugin's default concurrency, as
 * {@code plugboard sync} does, and checks what it gets. Between the engine and the plugin sits a checking
 * {@link ResourceSync}: it notes a failed listing, a repeated or endless page token, a resource of another or an
 * undeclared type, and answers the engine as if that listing had ended (so one defect does not hide the others the
 * walk would find); what the engine writes is then checked as a whole (unique ids, references that resolve).
 */
final class SyncChecker {
    private final ConformanceSession session;
    private final Map<Kind, List<String>> problems = Collections.synchronizedMap(new EnumMap<>(Kind.class));
    private final List<Resource> resources = new ArrayList<>();
    private final List<Entitlement> entitlements = new ArrayList<>();
    private final List<Grant> grants = new ArrayList<>();
    /** The resource each entitlement was listed from (the same object the engine writes). */
    private final Map<Entitlement, ResourceRef> listedFrom = Collections.synchronizedMap(new IdentityHashMap<>());
    private Set<String> declared = Set.of();

    private SyncChecker(ConformanceSession session) {
        this.session = session;
    }

    /**
     * @param session the conformance session (fixture limits, transcript)
     * @param sync    the connector's resource sync
     * @return every record the engine wrote, with the problems found
     */
    static SyncSnapshot run(ConformanceSession session, ResourceSync sync) {
        return new SyncChecker(session).check(sync);
    }

    private void problem(Kind kind, String text) {
        synchronized (problems) {
            problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(text);
        }
    }

    private SyncSnapshot check(ResourceSync sync) {
        List<ResourceType> types;
        try {
            types = List.copyOf(sync.resourceTypes());
        } catch (RuntimeException e) {
            problem(Kind.LISTINGS, "resourceTypes() threw " + ConformanceSession.describe(e));
            return snapshot(List.of());
        }
        Set<String> ids = new HashSet<>();
        for (ResourceType t : types) {
            session.transcript().add("resource type", t);
            if (!ids.add(t.id())) {
                problem(Kind.UNIQUE, "resourceTypes() lists the type '" + t.id() + "' twice");
            }
        }
        declared = Set.copyOf(ids);
        if (types.isEmpty()) {
            problem(Kind.TYPES, "resourceTypes() is empty: a connector that declares RESOURCE_SYNC syncs at least one"
                    + " resource type");
            return snapshot(types);
        }
        SyncEngine engine = new SyncEngine(session.descriptor().id(), new Checked(sync, types),
                SyncOptions.of(session.descriptor().defaultConcurrency()), Retrier.none(), new SyncStats(),
                SyncListener.none(), System::nanoTime);
        try {
            engine.run(new Collector(), Checkpointer.none(), Optional.empty());
        } catch (ConnectorException e) {
            problem(Kind.LISTINGS, "the host's sync engine stopped: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the sync records are kept in memory", e);
        }
        checkWhole();
        return snapshot(types);
    }

    private SyncSnapshot snapshot(List<ResourceType> types) {
        synchronized (problems) {
            return new SyncSnapshot(types, resources, entitlements, grants, problems);
        }
    }

    /** The checks that need every record: duplicates and references, in the order the engine wrote the records. */
    private void checkWhole() {
        Map<ResourceRef, Resource> byRef = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (byRef.putIfAbsent(r.ref(), r) != null) {
                problem(Kind.UNIQUE, "resource " + r.ref() + " is listed twice (ids must be unique within their"
                        + " type; a type listed as children must answer an empty page for no parent)");
            }
        }
        for (Resource r : byRef.values()) {
            r.parent().filter(p -> !byRef.containsKey(p)).ifPresent(p -> problem(Kind.PARENTS, r.ref()
                    + " has the parent " + p + ", which no listing returned"));
        }
        Map<String, Entitlement> entitlementsById = new HashMap<>();
        for (Entitlement e : entitlements) {
            if (entitlementsById.putIfAbsent(e.id(), e) != null) {
                problem(Kind.UNIQUE, "entitlement " + e.id() + " is listed twice");
            }
            ResourceRef from = listedFrom.get(e);
            if (!byRef.containsKey(e.resource())) {
                problem(Kind.ENTITLEMENTS, "entitlement " + e.id() + " belongs to " + e.resource()
                        + ", which no listing returned");
            } else if (from != null && !e.resource().equals(from)) {
                problem(Kind.ENTITLEMENTS, "entitlement " + e.id() + " was listed by entitlements(" + from
                        + ") but belongs to " + e.resource() + ": list it from its own resource");
            }
            for (String t : e.grantableTo()) {
                if (!declared.contains(t)) {
                    problem(Kind.ENTITLEMENTS, "entitlement " + e.id() + " is grantable to the undeclared type '"
                            + t + "'");
                }
            }
        }
        Set<String> grantIds = new HashSet<>();
        for (Grant g : grants) {
            if (!grantIds.add(g.id())) {
                problem(Kind.UNIQUE, "grant " + g.id() + " is listed twice (every grant is reported from exactly"
                        + " one resource)");
            }
            Entitlement e = entitlementsById.get(g.entitlementId());
            if (e == null) {
                problem(Kind.GRANTS, "grant " + g.id() + " is of the entitlement " + g.entitlementId()
                        + ", which no entitlements() listing returned");
            } else if (!e.grantableTo().contains(g.principal().type())) {
                problem(Kind.GRANTS, "grant " + g.id() + " gives " + g.entitlementId() + " to " + g.principal()
                        + " but that entitlement is grantable only to " + e.grantableTo());
            }
            if (!byRef.containsKey(g.principal())) {
                problem(Kind.GRANTS, "grant " + g.id() + " names the principal " + g.principal()
                        + ", which no resources() listing returned");
            }
            for (String from : g.expandableFrom()) {
                if (!entitlementsById.containsKey(from)) {
                    problem(Kind.GRANTS, "grant " + g.id() + " is expandable from " + from
                            + ", which no entitlements() listing returned");
                }
            }
            for (String via : g.via()) {
                if (!entitlementsById.containsKey(via)) {
                    problem(Kind.GRANTS, "grant " + g.id() + " is held via " + via
                            + ", which no entitlements() listing returned");
                }
            }
        }
    }

    /** Keeps what the engine writes, in its order, on the engine's thread. */
    private final class Collector implements SyncRecordSink {
        @Override
        public void resourceType(ResourceType type) {
        }

        @Override
        public void resource(Resource resource) {
            session.transcript().add("resource", resource);
            resources.add(resource);
        }

        @Override
        public void entitlement(Entitlement entitlement) {
            session.transcript().add("entitlement", entitlement);
            entitlements.add(entitlement);
        }

        @Override
        public void grant(Grant grant) {
            session.transcript().add("grant", grant);
            grants.add(grant);
        }

        @Override
        public void summary(SyncSummary summary) {
        }

        @Override
        public void flush() {
        }
    }

    /** Where one listing stands: the page about to be answered and every token it handed out. */
    private record Listing(String name, int page, Set<String> tokens) {
    }

    /** The plugin's sync as the engine sees it, each page checked on its way. */
    private final class Checked implements ResourceSync {
        private final ResourceSync plugin;
        private final List<ResourceType> types;
        /** Listings in progress, by name and the token of their next page. */
        private final Map<String, Listing> open = new ConcurrentHashMap<>();

        Checked(ResourceSync plugin, List<ResourceType> types) {
            this.plugin = plugin;
            this.types = types;
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return types;
        }

        @Override
        public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                         Optional<String> token) {
            String name = "resources(\"" + type + "\", " + parent.map(r -> "parent " + r).orElse("no parent") + ")";
            return page(name, token, t -> plugin.resources(type, parent, t), items -> {
                List<Resource> kept = new ArrayList<>();
                for (Resource r : items) {
                    if (!r.type().equals(type)) {
                        problem(Kind.TYPES, name + " returned " + r.ref() + ", of another type");
                        continue;
                    }
                    if (parent.isPresent() && !r.parent().equals(parent)) {
                        problem(Kind.PARENTS, r.ref() + " was listed under " + parent.get() + " but its parent() is "
                                + r.parent().map(ResourceRef::toString).orElse("empty")
                                + ": set parent() to the resource it is listed under");
                    }
                    List<String> undeclared = r.childTypes().stream().filter(c -> !declared.contains(c)).toList();
                    undeclared.forEach(c -> problem(Kind.TYPES, r.ref() + " names the undeclared child type '" + c
                            + "'"));
                    kept.add(undeclared.isEmpty() ? r : new Resource(r.ref(), r.parent(), r.displayName(),
                            r.profile(), r.childTypes().stream().filter(declared::contains).toList()));
                }
                return kept;
            });
        }

        @Override
        public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> token) {
            return page("entitlements(" + resource.ref() + ")", token, t -> plugin.entitlements(resource, t), items -> {
                items.forEach(e -> listedFrom.put(e, resource.ref()));
                return items;
            });
        }

        @Override
        public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> token) {
            return page("grants(" + resource.ref() + ")", token, t -> plugin.grants(resource, t), items -> items);
        }

        /**
         * One page of a listing: a failure, a timeout or a null page is noted and ends the listing; so do a token
         * handed out twice and a listing longer than the fixture's page limit.
         */
        private <T> CompletionStage<Page<T>> page(String name, Optional<String> token,
                                                  Function<Optional<String>, CompletionStage<Page<T>>> call,
                                                  Function<List<T>, List<T>> check) {
            Listing listing = token.map(t -> open.remove(name + "\0" + t)).orElse(null);
            if (listing == null) {
                listing = new Listing(name, 1, new HashSet<>());
            }
            Listing at = listing;
            String what = name + " page " + at.page();
            CompletableFuture<Page<T>> stage;
            try {
                stage = call.apply(token).toCompletableFuture().copy()
                        .orTimeout(session.fixture().callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            return stage.handle((page, error) -> {
                if (error != null) {
                    Throwable cause = Futures.unwrap(error);
                    if (cause instanceof TimeoutException) {
                        problem(Kind.LISTINGS, what + " did not complete within "
                                + session.fixture().callTimeout().toSeconds() + " s: a stage must always complete"
                                + " (check for a lost callback or a deadlock)");
                    } else {
                        session.transcript().addFailure(what, cause);
                        problem(Kind.LISTINGS, what + " failed: " + ConformanceSession.describe(cause));
                    }
                    return Page.<T>empty();
                }
                if (page == null) {
                    problem(Kind.LISTINGS, what + " failed: java.lang.NullPointerException: " + what
                            + " completed with null");
                    return Page.<T>empty();
                }
                List<T> items = check.apply(page.items());
                if (page.nextToken().isEmpty()) {
                    return Page.last(items);
                }
                String next = page.nextToken().get();
                session.transcript().add("page token", next);
                if (!at.tokens().add(next)) {
                    problem(Kind.PAGING, name + " handed out the page token '" + Problems.shorten(next, 60)
                            + "' twice (again on page " + at.page() + "): each token must lead forward, or the host"
                            + " loops forever");
                    return Page.last(items);
                }
                int max = session.fixture().maxPagesPerListing();
                if (at.page() >= max) {
                    problem(Kind.PAGING, name + " did not end after " + max + " pages (last token '"
                            + Problems.shorten(next, 60) + "'): the last page must have no nextToken");
                    return Page.last(items);
                }
                open.put(name + "\0" + next, new Listing(name, at.page() + 1, at.tokens()));
                return Page.of(items, next);
            });
        }
    }
}
