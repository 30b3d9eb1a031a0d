package dev.plugboard.host.sync;

import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory plugin for tests: resources, entitlements and grants held in lists, served in pages of
 * {@code pageSize} with tokens {@code @offset}. Records every call (as {@code kind target token}), the calls in
 * flight and their maximum. Answers synchronously unless given a {@link Completer}; can be told to fail calls.
 */
public final class FakeResourceSync implements ResourceSync {

    /** Completes a call's future later, possibly on another thread (like a Vert.x event loop). */
    public interface Completer {
        /**
         * @param call   the call's description
         * @param answer completes the call when run
         */
        void complete(String call, Runnable answer);
    }

    private final List<ResourceType> types = new ArrayList<>();
    private final Map<String, List<Resource>> resources = new LinkedHashMap<>();
    private final Map<ResourceRef, List<Entitlement>> entitlements = new LinkedHashMap<>();
    private final Map<ResourceRef, List<Grant>> grants = new LinkedHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong itemsServed = new java.util.concurrent.atomic.AtomicLong();
    private volatile int pageSize = 2;
    private volatile Completer completer;
    private volatile Function<String, Optional<RuntimeException>> failures = c -> Optional.empty();

    /** @return a small organization: 1 org, 3 users, 2 teams under the org, 2 projects, team 7 expanding */
    public static FakeResourceSync small() {
        FakeResourceSync f = new FakeResourceSync();
        f.type("org", Trait.ORGANIZATION).type("user", Trait.USER).type("team", Trait.GROUP)
                .type("project", Trait.APP);
        f.resource(new Resource(new ResourceRef("org", "acme"), Optional.empty(), "Acme",
                Map.of("slug", "acme"), List.of("team")));
        f.resource(Resource.of(new ResourceRef("user", "1"), "Ada", Map.of("email", "ada@example.com")));
        f.resource(Resource.of(new ResourceRef("user", "2"), "Bob", Map.of("email", "bob@example.com")));
        f.resource(Resource.of(new ResourceRef("user", "3"), "Cy", Map.of("email", "cy@example.com")));
        for (String team : List.of("7", "8")) {
            ResourceRef t = new ResourceRef("team", team);
            f.resource(new Resource(t, Optional.of(new ResourceRef("org", "acme")), "Team " + team, Map.of(),
                    List.of()));
            f.entitlement(new Entitlement(Entitlement.idOf(t, "member"), t, "member", "Member",
                    Entitlement.Purpose.ASSIGNMENT, Set.of("user")));
        }
        f.grant(new ResourceRef("team", "7"), Grant.of("team:7:member", new ResourceRef("user", "1")));
        f.grant(new ResourceRef("team", "7"), Grant.of("team:7:member", new ResourceRef("user", "2")));
        f.grant(new ResourceRef("team", "8"), Grant.of("team:8:member", new ResourceRef("user", "3")));
        for (String project : List.of("3", "4")) {
            ResourceRef p = new ResourceRef("project", project);
            f.resource(Resource.of(p, "Project " + project, Map.of()));
            f.entitlement(new Entitlement(Entitlement.idOf(p, "access"), p, "access", "Access",
                    Entitlement.Purpose.PERMISSION, Set.of("team", "user")));
        }
        f.grant(new ResourceRef("project", "3"), Grant.expandable("project:3:access", new ResourceRef("team", "7"),
                List.of("team:7:member")));
        f.grant(new ResourceRef("project", "4"), Grant.of("project:4:access", new ResourceRef("user", "3")));
        return f;
    }

    /**
     * @param teams       how many teams
     * @param members     members per team (users u0..)
     * @return a wider organization for concurrency tests: users, teams with members, one project per team
     */
    public static FakeResourceSync wide(int teams, int members) {
        FakeResourceSync f = new FakeResourceSync();
        f.type("user", Trait.USER).type("team", Trait.GROUP).type("project", Trait.APP);
        for (int u = 0; u < members * 2; u++) {
            f.resource(Resource.of(new ResourceRef("user", "u" + u), "User " + u, Map.of("n", u)));
        }
        for (int t = 0; t < teams; t++) {
            ResourceRef team = new ResourceRef("team", "t" + t);
            f.resource(Resource.of(team, "Team " + t, Map.of()));
            f.entitlement(new Entitlement("team:t" + t + ":member", team, "member", "Member",
                    Entitlement.Purpose.ASSIGNMENT, Set.of("user")));
            for (int m = 0; m < members; m++) {
                f.grant(team, Grant.of("team:t" + t + ":member", new ResourceRef("user", "u" + ((t + m) % (members * 2)))));
            }
            ResourceRef project = new ResourceRef("project", "p" + t);
            f.resource(Resource.of(project, "Project " + t, Map.of()));
            f.entitlement(new Entitlement("project:p" + t + ":access", project, "access", "Access",
                    Entitlement.Purpose.PERMISSION, Set.of("team")));
            f.grant(project, Grant.expandable("project:p" + t + ":access", team, List.of("team:t" + t + ":member")));
        }
        return f;
    }

    /** Adds a type. */
    public FakeResourceSync type(String id, Trait trait) {
        types.add(new ResourceType(id, id.substring(0, 1).toUpperCase() + id.substring(1), Set.of(trait),
                "a " + id));
        resources.putIfAbsent(id, new ArrayList<>());
        return this;
    }

    /** Adds a resource (listed under its parent when it has one). */
    public FakeResourceSync resource(Resource r) {
        resources.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r);
        return this;
    }

    /** Adds an entitlement of its resource. */
    public FakeResourceSync entitlement(Entitlement e) {
        entitlements.computeIfAbsent(e.resource(), r -> new ArrayList<>()).add(e);
        return this;
    }

    /** Adds a grant listed from a resource. */
    public FakeResourceSync grant(ResourceRef from, Grant g) {
        grants.computeIfAbsent(from, r -> new ArrayList<>()).add(g);
        return this;
    }

    /** Sets the page size. */
    public FakeResourceSync pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Answers through a completer (null: synchronously). */
    public FakeResourceSync completer(Completer c) {
        this.completer = c;
        return this;
    }

    /** Fails the calls the function answers with an exception for (thrown into the stage). */
    public FakeResourceSync failures(Function<String, Optional<RuntimeException>> f) {
        this.failures = f;
        return this;
    }

    /** @return every call made, in order of making */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** @return the most calls that were in flight at once */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** @return how many items (resources, entitlements, grants) all answered pages held */
    public long itemsServed() {
        return itemsServed.get();
    }

    /** @return calls in flight now */
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return List.copyOf(types);
    }

    @Override
    public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                     Optional<String> token) {
        List<Resource> all = resources.getOrDefault(type, List.of()).stream()
                .filter(r -> r.parent().equals(parent)).toList();
        return answer("resources " + type + parent.map(p -> "<" + p).orElse("") + " " + token.orElse("-"), all, token);
    }

    @Override
    public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> token) {
        return answer("entitlements " + resource.ref() + " " + token.orElse("-"),
                entitlements.getOrDefault(resource.ref(), List.of()), token);
    }

    @Override
    public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> token) {
        return answer("grants " + resource.ref() + " " + token.orElse("-"),
                grants.getOrDefault(resource.ref(), List.of()), token);
    }

    private <T> CompletionStage<Page<T>> answer(String call, List<T> all, Optional<String> token) {
        calls.add(call);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        CompletableFuture<Page<T>> future = new CompletableFuture<>();
        Runnable complete = () -> {
            inFlight.decrementAndGet();
            Optional<RuntimeException> failure = failures.apply(call);
            if (failure.isPresent()) {
                future.completeExceptionally(failure.get());
                return;
            }
            int from = token.map(t -> Integer.parseInt(t.substring(1))).orElse(0);
            int to = Math.min(all.size(), from + pageSize);
            List<T> items = all.subList(from, to);
            itemsServed.addAndGet(items.size());
            future.complete(to < all.size() ? Page.of(items, "@" + to) : Page.last(items));
        };
        Completer c = completer;
        if (c == null) {
            complete.run();
        } else {
            c.complete(call, complete);
        }
        return future;
    }
}
