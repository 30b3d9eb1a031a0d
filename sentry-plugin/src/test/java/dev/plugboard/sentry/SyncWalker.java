package dev.plugboard.sentry;

import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Drives a {@link ResourceSync} the way the host does: every type with no parent, children of each resource,
 * entitlements and grants of every resource, every page; listings run concurrently.
 */
final class SyncWalker {
    /** Everything a sync listed. */
    record Output(List<Resource> resources, List<Entitlement> entitlements, List<Grant> grants) {
    }

    private final ResourceSync sync;
    private final List<Resource> resources = Collections.synchronizedList(new ArrayList<>());
    private final List<Entitlement> entitlements = Collections.synchronizedList(new ArrayList<>());
    private final List<Grant> grants = Collections.synchronizedList(new ArrayList<>());

    private SyncWalker(ResourceSync sync) {
        this.sync = sync;
    }

    /** Walks the whole sync; throws (the stage's failure) when any call fails. */
    static Output walk(ResourceSync sync) {
        SyncWalker w = new SyncWalker(sync);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (ResourceType type : sync.resourceTypes()) {
            all.add(w.resourcesOf(type.id(), Optional.empty()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Output(List.copyOf(w.resources), List.copyOf(w.entitlements), List.copyOf(w.grants));
    }

    private CompletableFuture<Void> resourcesOf(String type, Optional<Resource> parent) {
        return all(token -> sync.resources(type, parent.map(Resource::ref), token)).thenCompose(list -> {
            resources.addAll(list);
            List<CompletableFuture<Void>> next = new ArrayList<>();
            for (Resource r : list) {
                next.add(all(token -> sync.entitlements(r, token)).thenAccept(entitlements::addAll));
                next.add(all(token -> sync.grants(r, token)).thenAccept(grants::addAll));
                for (String child : r.childTypes()) {
                    next.add(resourcesOf(child, Optional.of(r)));
                }
            }
            return CompletableFuture.allOf(next.toArray(CompletableFuture[]::new));
        });
    }

    private static <T> CompletableFuture<List<T>> all(Function<Optional<String>, CompletionStage<Page<T>>> call) {
        List<T> items = Collections.synchronizedList(new ArrayList<>());
        Set<String> seen = Collections.synchronizedSet(new HashSet<>());
        return page(call, Optional.empty(), items, seen).thenApply(v -> List.copyOf(items));
    }

    private static <T> CompletableFuture<Void> page(Function<Optional<String>, CompletionStage<Page<T>>> call,
                                                    Optional<String> token, List<T> items, Set<String> seen) {
        return call.apply(token).toCompletableFuture().thenCompose(p -> {
            items.addAll(p.items());
            if (p.nextToken().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (!seen.add(p.nextToken().get())) {
                throw new AssertionError("page token repeated: " + p.nextToken().get());
            }
            return page(call, p.nextToken(), items, seen);
        });
    }
}
