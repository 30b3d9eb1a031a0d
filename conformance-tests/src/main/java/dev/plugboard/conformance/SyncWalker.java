package dev.plugboard.conformance;

import dev.plugboard.conformance.SyncSnapshot.Kind;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Walks a {@link ResourceSync} the way {@link ResourceSync}'s contract says the host does, one call at a time,
 * following every page token, and checks what it gets.
 */
final class SyncWalker {
    private final ConformanceSession session;
    private final ResourceSync sync;
    private final Map<Kind, List<String>> problems = new EnumMap<>(Kind.class);
    private final List<Resource> resources = new ArrayList<>();
    private final List<Entitlement> entitlements = new ArrayList<>();
    private final List<Grant> grants = new ArrayList<>();

    private SyncWalker(ConformanceSession session, ResourceSync sync) {
        this.session = session;
        this.sync = sync;
    }

    static SyncSnapshot walk(ConformanceSession session, ResourceSync sync) {
        return new SyncWalker(session, sync).run();
    }

    private void problem(Kind kind, String text) {
        problems.computeIfAbsent(kind, k -> new ArrayList<>()).add(text);
    }

    private SyncSnapshot run() {
        List<ResourceType> types;
        try {
            types = sync.resourceTypes();
        } catch (RuntimeException e) {
            problem(Kind.LISTINGS, "resourceTypes() threw " + ConformanceSession.describe(e));
            return snapshot(List.of());
        }
        Set<String> declared = new HashSet<>();
        for (ResourceType t : types) {
            session.transcript().add("resource type", t);
            if (!declared.add(t.id())) {
                problem(Kind.UNIQUE, "resourceTypes() lists the type '" + t.id() + "' twice");
            }
        }
        if (types.isEmpty()) {
            problem(Kind.TYPES, "resourceTypes() is empty: a connector that declares RESOURCE_SYNC syncs at least one"
                    + " resource type");
        }
        // resources: top-level of each type, then children
        Map<ResourceRef, Resource> byRef = new LinkedHashMap<>();
        Deque<Map.Entry<String, Optional<Resource>>> queue = new ArrayDeque<>();
        types.forEach(t -> queue.add(Map.entry(t.id(), Optional.empty())));
        while (!queue.isEmpty()) {
            Map.Entry<String, Optional<Resource>> next = queue.poll();
            String type = next.getKey();
            Optional<Resource> parent = next.getValue();
            Optional<ResourceRef> parentRef = parent.map(Resource::ref);
            String listing = "resources(\"" + type + "\", " + parentRef.map(r -> "parent " + r).orElse("no parent")
                    + ")";
            for (Resource r : drain(listing, token -> sync.resources(type, parentRef, token))) {
                session.transcript().add("resource", r);
                resources.add(r);
                if (!r.type().equals(type)) {
                    problem(Kind.TYPES, listing + " returned " + r.ref() + ", of another type");
                }
                if (!declared.contains(r.type())) {
                    problem(Kind.TYPES, listing + " returned " + r.ref() + " of the undeclared type '" + r.type()
                            + "': add it to resourceTypes()");
                }
                if (parentRef.isPresent() && !r.parent().equals(parentRef)) {
                    problem(Kind.PARENTS, r.ref() + " was listed under " + parentRef.get() + " but its parent() is "
                            + r.parent().map(ResourceRef::toString).orElse("empty")
                            + ": set parent() to the resource it is listed under");
                }
                if (byRef.putIfAbsent(r.ref(), r) != null) {
                    problem(Kind.UNIQUE, "resource " + r.ref() + " is listed twice (ids must be unique within their"
                            + " type; a type listed as children must answer an empty page for no parent)");
                    continue;
                }
                for (String child : r.childTypes()) {
                    if (!declared.contains(child)) {
                        problem(Kind.TYPES, r.ref() + " names the undeclared child type '" + child + "'");
                    } else {
                        queue.add(Map.entry(child, Optional.of(r)));
                    }
                }
            }
        }
        for (Resource r : byRef.values()) {
            r.parent().filter(p -> !byRef.containsKey(p)).ifPresent(p -> problem(Kind.PARENTS, r.ref()
                    + " has the parent " + p + ", which no listing returned"));
        }
        // entitlements and grants of every resource
        Map<String, Entitlement> entitlementsById = new HashMap<>();
        for (Resource r : byRef.values()) {
            for (Entitlement e : drain("entitlements(" + r.ref() + ")", token -> sync.entitlements(r, token))) {
                session.transcript().add("entitlement", e);
                entitlements.add(e);
                if (entitlementsById.putIfAbsent(e.id(), e) != null) {
                    problem(Kind.UNIQUE, "entitlement " + e.id() + " is listed twice");
                }
                if (!byRef.containsKey(e.resource())) {
                    problem(Kind.ENTITLEMENTS, "entitlement " + e.id() + " belongs to " + e.resource()
                            + ", which no listing returned");
                } else if (!e.resource().equals(r.ref())) {
                    problem(Kind.ENTITLEMENTS, "entitlement " + e.id() + " was listed by entitlements(" + r.ref()
                            + ") but belongs to " + e.resource() + ": list it from its own resource");
                }
                for (String t : e.grantableTo()) {
                    if (!declared.contains(t)) {
                        problem(Kind.ENTITLEMENTS, "entitlement " + e.id() + " is grantable to the undeclared type '"
                                + t + "'");
                    }
                }
            }
        }
        Set<String> grantIds = new HashSet<>();
        for (Resource r : byRef.values()) {
            for (Grant g : drain("grants(" + r.ref() + ")", token -> sync.grants(r, token))) {
                session.transcript().add("grant", g);
                grants.add(g);
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
            }
        }
        return snapshot(types);
    }

    private SyncSnapshot snapshot(List<ResourceType> types) {
        return new SyncSnapshot(types, resources, entitlements, grants, problems);
    }

    /** Reads every page of one listing, guarding against failures, repeated tokens and endless listings. */
    private <T> List<T> drain(String listing, Function<Optional<String>, CompletionStage<Page<T>>> call) {
        List<T> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<String> token = Optional.empty();
        int max = session.fixture().maxPagesPerListing();
        for (int page = 1; ; page++) {
            if (page > max) {
                problem(Kind.PAGING, listing + " did not end after " + max + " pages (last token '"
                        + Problems.shorten(token.orElse(""), 60) + "'): the last page must have no nextToken");
                return items;
            }
            Page<T> p;
            try {
                Optional<String> current = token;
                p = session.await(call.apply(current), listing + " page " + page);
            } catch (ConformanceSession.CallFailure e) {
                problem(Kind.LISTINGS, e.getMessage());
                return items;
            }
            items.addAll(p.items());
            if (p.nextToken().isEmpty()) {
                return items;
            }
            String next = p.nextToken().get();
            session.transcript().add("page token", next);
            if (!seen.add(next)) {
                problem(Kind.PAGING, listing + " handed out the page token '" + Problems.shorten(next, 60)
                        + "' twice (again on page " + page + "): each token must lead forward, or the host loops"
                        + " forever");
                return items;
            }
            token = Optional.of(next);
        }
    }
}
