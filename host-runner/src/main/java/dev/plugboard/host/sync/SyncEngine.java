package dev.plugboard.host.sync;

import dev.plugboard.host.runtime.Futures;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Walks a plugin's {@link ResourceSync} (types, resources, child resources, entitlements, grants, every page) and
 * writes the records to a {@link SyncRecordSink} in a deterministic order, while running up to
 * {@link SyncOptions#concurrency()} plugin calls at once.
 *
 * <h2>How</h2>
 * Every piece of work has a {@link WalkKey}, its position in a sequential depth-first walk. One thread (the caller of
 * {@link #run}) owns all state: a sorted map of the work from the first unwritten position on (pages to fetch, pages
 * and resources fetched but not yet written). It writes whatever is ready at the front, starts the earliest unstarted
 * fetches while fewer than {@code concurrency} are in flight and fewer than {@code lookahead} records wait, then
 * waits for a completion. Plugin stages complete on any thread (an event loop too): their callbacks only put an event
 * on a queue, so blocking work (writing, checkpointing) never runs on the plugin's threads and nothing can deadlock.
 * Memory is bounded by the lookahead and the depth-first frontier, not by the size of the source.
 *
 * <h2>Resuming</h2>
 * The {@link Checkpointer} receives the state at a write boundary: the counts written and the frontier (pages to
 * fetch with their tokens, resources fetched but unwritten). Pages fetched but not yet written are saved as pages to
 * fetch again; pages already written are never fetched again.
 */
public final class SyncEngine {
    private final String pluginId;
    private final ResourceSync source;
    private final SyncOptions options;
    private final Retrier retrier;
    private final SyncStats stats;
    private final SyncListener listener;
    private final LongSupplier nanoTime;

    /**
     * @param pluginId the plugin's id, for the summary and messages
     * @param source   the plugin's sync capability
     * @param options  how to run
     * @param retrier  retries retryable failures
     * @param stats    the counters the plugin and the retrier report to
     * @param listener shown progress
     * @param nanoTime the time source for intervals ({@code System::nanoTime})
     */
    public SyncEngine(String pluginId, ResourceSync source, SyncOptions options, Retrier retrier, SyncStats stats,
                      SyncListener listener, LongSupplier nanoTime) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * @param all       the plugin's resource types
     * @param requested type ids asked for, any order; empty for all
     * @return the requested types in the plugin's order
     * @throws IllegalArgumentException naming the unknown ids and the known ones
     */
    public static List<ResourceType> selectTypes(List<ResourceType> all, List<String> requested) {
        if (requested.isEmpty()) {
            return List.copyOf(all);
        }
        Set<String> known = all.stream().map(ResourceType::id).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> unknown = requested.stream().filter(t -> !known.contains(t)).distinct().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown resource type" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; this plugin syncs: " + String.join(", ", known));
        }
        Set<String> wanted = Set.copyOf(requested);
        return all.stream().filter(t -> wanted.contains(t.id())).toList();
    }

    /**
     * Runs the sync to the end, writing every record and the summary.
     *
     * @param sink         where records go
     * @param checkpointer saves the state now and then, and when the sync fails or is cancelled
     * @param resumeFrom   the state of an interrupted sync to continue (its output holds exactly the records its
     *                     counts say), or empty to start
     * @return the summary, also written as the last record
     * @throws ConnectorException when a plugin call fails for good (its kind and message), or {@code CANCELLED}
     * @throws IOException        when writing fails
     */
    public SyncSummary run(SyncRecordSink sink, Checkpointer checkpointer, Optional<SyncState> resumeFrom)
            throws IOException {
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(checkpointer, "checkpointer");
        List<ResourceType> allTypes = List.copyOf(source.resourceTypes());
        List<ResourceType> types = selectTypes(allTypes, options.types());
        try {
            return new Walk(sink, checkpointer, allTypes, types, resumeFrom).execute();
        } finally {
            listener.close();
        }
    }

    private sealed interface Node permits Fetch, ReadyTypes, ReadyResource, ReadyPage {
    }

    private record Fetch(Listing listing, Optional<String> token, boolean started) implements Node {
    }

    private record ReadyTypes(List<ResourceType> types) implements Node {
    }

    private record ReadyResource(Resource resource) implements Node {
    }

    private record ReadyPage(Listing listing, Optional<String> token, List<?> items) implements Node {
    }

    private record Done(WalkKey key, Page<?> page, Throwable error) {
    }

    /** The state of one run; used only by the thread that called {@link #run}. */
    private final class Walk {
        private final SyncRecordSink sink;
        private final Checkpointer checkpointer;
        private final Set<String> knownTypes;
        private final List<String> allTypeIds;
        private final Set<String> selected;
        private final List<String> typeIds;
        private final TreeMap<WalkKey, Node> nodes = new TreeMap<>();
        private final TreeSet<WalkKey> pending = new TreeSet<>();
        private final BlockingQueue<Done> completions = new LinkedBlockingQueue<>();
        private final SyncCounts.Tally tally;
        private final long startNanos = nanoTime.getAsLong();
        private final SyncState base;
        private int inFlight;
        private long buffered;
        private long calls;
        private long lastCheckpoint;
        private long lastProgress;
        private boolean dirty;

        Walk(SyncRecordSink sink, Checkpointer checkpointer, List<ResourceType> allTypes, List<ResourceType> types,
             Optional<SyncState> resumeFrom) {
            this.sink = sink;
            this.checkpointer = checkpointer;
            this.allTypeIds = allTypes.stream().map(ResourceType::id).toList();
            this.knownTypes = Set.copyOf(allTypeIds);
            this.typeIds = types.stream().map(ResourceType::id).toList();
            this.selected = Set.copyOf(typeIds);
            this.base = resumeFrom.orElseGet(() -> new SyncState(SyncCounts.empty(), List.of(), 0, 0, 0, 0, 0));
            this.tally = new SyncCounts.Tally(base.counts());
            this.lastCheckpoint = startNanos;
            this.lastProgress = startNanos;
            if (resumeFrom.isPresent()) {
                for (SyncState.FrontierEntry entry : resumeFrom.get().frontier()) {
                    if (entry instanceof SyncState.PageEntry p) {
                        nodes.put(p.key(), new Fetch(p.listing(), p.token(), false));
                        pending.add(p.key());
                    } else if (entry instanceof SyncState.ResourceEntry r) {
                        nodes.put(r.key(), new ReadyResource(r.resource()));
                        buffered++;
                    }
                }
            } else {
                nodes.put(WalkKey.ROOT, new ReadyTypes(types));
                for (int t = 0; t < types.size(); t++) {
                    WalkKey key = WalkKey.of(t, 0);
                    nodes.put(key, new Fetch(new Listing.Resources(types.get(t).id(), Optional.empty()),
                            Optional.empty(), false));
                    pending.add(key);
                }
            }
        }

        SyncSummary execute() throws IOException {
            ConnectorException failure = null;
            while (true) {
                writeReadyFront();
                if (nodes.isEmpty()) {
                    break;
                }
                if (options.cancellation().isCancelled()) {
                    failure = new ConnectorException(ErrorKind.CANCELLED, "the sync was cancelled");
                    break;
                }
                startFetches();
                if (inFlight == 0) {
                    throw new IllegalStateException("sync engine stalled at " + nodes.firstKey() + " (a bug)");
                }
                maybeCheckpoint();
                maybeReportProgress();
                Done done;
                try {
                    done = completions.poll(Math.max(1, options.progressInterval().toMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new ConnectorException(ErrorKind.CANCELLED, "the sync was interrupted");
                    break;
                }
                if (done != null) {
                    failure = handle(done);
                    if (failure != null) {
                        break;
                    }
                }
            }
            if (failure != null) {
                try {
                    sink.flush();
                    checkpointer.save(state());
                } catch (IOException | RuntimeException e) {
                    // the plugin's failure is what the user must see; the disk's comes with it
                    failure.addSuppressed(e);
                }
                throw failure;
            }
            SyncSummary summary = new SyncSummary(pluginId, typeIds, tally.snapshot(), elapsedMillis(),
                    base.calls() + calls, base.requests() + stats.requests(), base.retries() + stats.retries(),
                    base.pluginRetries() + stats.pluginRetries());
            sink.summary(summary);
            sink.flush();
            listener.finished(summary);
            return summary;
        }

        private long elapsedMillis() {
            return base.elapsedMillis() + TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - startNanos);
        }

        private void writeReadyFront() throws IOException {
            while (!nodes.isEmpty()) {
                Map.Entry<WalkKey, Node> first = nodes.firstEntry();
                Node node = first.getValue();
                if (node instanceof Fetch) {
                    return;
                }
                nodes.pollFirstEntry();
                dirty = true;
                if (node instanceof ReadyTypes t) {
                    for (ResourceType type : t.types()) {
                        sink.resourceType(type);
                        tally.resourceType();
                    }
                } else if (node instanceof ReadyResource r) {
                    sink.resource(r.resource());
                    tally.add(r.resource().type(), RecordKind.RESOURCE, 1);
                    buffered--;
                } else if (node instanceof ReadyPage p) {
                    writePage(p);
                    buffered -= p.items().size();
                }
            }
        }

        private void writePage(ReadyPage page) throws IOException {
            if (page.listing() instanceof Listing.Entitlements e) {
                for (Object item : page.items()) {
                    sink.entitlement((Entitlement) item);
                }
                tally.add(e.resource().type(), RecordKind.ENTITLEMENT, page.items().size());
            } else if (page.listing() instanceof Listing.Grants g) {
                for (Object item : page.items()) {
                    sink.grant((Grant) item);
                }
                tally.add(g.resource().type(), RecordKind.GRANT, page.items().size());
            }
        }

        private void startFetches() {
            while (inFlight < options.concurrency() && !pending.isEmpty()) {
                WalkKey key = pending.first();
                if (buffered >= options.lookahead() && !key.equals(nodes.firstKey())) {
                    return;
                }
                pending.pollFirst();
                Fetch fetch = (Fetch) nodes.get(key);
                nodes.put(key, new Fetch(fetch.listing(), fetch.token(), true));
                inFlight++;
                calls++;
                CompletionStage<? extends Page<?>> stage = retrier.call(fetch.listing().describe(),
                        () -> call(fetch.listing(), fetch.token()));
                stage.whenComplete((page, error) -> completions.add(new Done(key, page, error)));
            }
        }

        private CompletionStage<? extends Page<?>> call(Listing listing, Optional<String> token) {
            if (listing instanceof Listing.Resources r) {
                return source.resources(r.type(), r.parent(), token);
            } else if (listing instanceof Listing.Entitlements e) {
                return source.entitlements(e.resource(), token);
            } else {
                return source.grants(((Listing.Grants) listing).resource(), token);
            }
        }

        private ConnectorException handle(Done done) {
            inFlight--;
            Fetch fetch = (Fetch) nodes.get(done.key());
            Listing listing = fetch.listing();
            if (done.error() != null) {
                Throwable cause = Futures.unwrap(done.error());
                if (cause instanceof ConnectorException ce) {
                    return new ConnectorException(ce.kind(), "plugin " + pluginId + " failed listing "
                            + listing.describe() + ": " + ce.getMessage(), ce.retryAfter(), ce);
                }
                return new ConnectorException(ErrorKind.INTERNAL, "plugin " + pluginId + " failed listing "
                        + listing.describe() + " with an unexpected " + cause, cause);
            }
            Page<?> page = done.page();
            if (page == null) {
                return internal("answered no page for " + listing.describe());
            }
            if (page.nextToken().isPresent() && page.nextToken().equals(fetch.token())) {
                return internal("answered the same page token again for " + listing.describe()
                        + " (the listing would never end)");
            }
            WalkKey key = done.key();
            if (listing instanceof Listing.Resources r) {
                nodes.remove(key);
                for (int i = 0; i < page.items().size(); i++) {
                    Object item = page.items().get(i);
                    if (!(item instanceof Resource resource)) {
                        return internal("answered a non-resource listing " + listing.describe());
                    }
                    if (!resource.type().equals(r.type())) {
                        return internal("listed resource " + resource.ref() + " among " + listing.describe());
                    }
                    Resource withParent = resource.parent().isPresent() || r.parent().isEmpty() ? resource
                            : new Resource(resource.ref(), r.parent(), resource.displayName(), resource.profile(),
                                    resource.childTypes());
                    WalkKey at = key.child(i);
                    nodes.put(at, new ReadyResource(withParent));
                    buffered++;
                    addFetch(at.child(0, 0), new Listing.Entitlements(withParent), Optional.empty());
                    addFetch(at.child(1, 0), new Listing.Grants(withParent), Optional.empty());
                    List<String> children = withParent.childTypes();
                    for (int c = 0; c < children.size(); c++) {
                        String childType = children.get(c);
                        if (!knownTypes.contains(childType)) {
                            return internal("names child type '" + childType + "' for " + resource.ref()
                                    + ", which is not one of its resource types " + allTypeIds);
                        }
                        if (selected.contains(childType)) {
                            addFetch(at.child(2 + c, 0), new Listing.Resources(childType,
                                    Optional.of(withParent.ref())), Optional.empty());
                        }
                    }
                }
            } else {
                nodes.put(key, new ReadyPage(listing, fetch.token(), page.items()));
                buffered += page.items().size();
            }
            if (page.nextToken().isPresent()) {
                addFetch(key.next(), listing, page.nextToken());
            }
            return null;
        }

        private ConnectorException internal(String what) {
            return new ConnectorException(ErrorKind.INTERNAL, "plugin " + pluginId + " " + what);
        }

        private void addFetch(WalkKey key, Listing listing, Optional<String> token) {
            nodes.put(key, new Fetch(listing, token, false));
            pending.add(key);
        }

        private void maybeCheckpoint() throws IOException {
            long now = nanoTime.getAsLong();
            if (dirty && now - lastCheckpoint >= options.checkpointInterval().toNanos()) {
                sink.flush();
                checkpointer.save(state());
                lastCheckpoint = now;
                dirty = false;
            }
        }

        private void maybeReportProgress() {
            long now = nanoTime.getAsLong();
            if (now - lastProgress >= options.progressInterval().toNanos()) {
                lastProgress = now;
                SyncCounts c = tally.snapshot();
                listener.progress(new SyncProgress(c.records(), c.resources(), c.grants(), inFlight,
                        base.calls() + calls, base.requests() + stats.requests(), base.retries() + stats.retries(),
                        stats.status()));
            }
        }

        /** The state at the current write boundary: every node left, as work to redo from its page. */
        private SyncState state() {
            List<SyncState.FrontierEntry> frontier = new ArrayList<>();
            Set<WalkKey> listingsSeen = new HashSet<>();
            for (Map.Entry<WalkKey, Node> e : nodes.entrySet()) {
                WalkKey key = e.getKey();
                Node node = e.getValue();
                if (node instanceof ReadyResource r) {
                    frontier.add(new SyncState.ResourceEntry(key, r.resource()));
                } else if (node instanceof Fetch f) {
                    if (listingsSeen.add(key.parent())) {
                        frontier.add(new SyncState.PageEntry(key, f.listing(), f.token()));
                    }
                } else if (node instanceof ReadyPage p) {
                    if (listingsSeen.add(key.parent())) {
                        frontier.add(new SyncState.PageEntry(key, p.listing(), p.token()));
                    }
                } else {
                    throw new IllegalStateException("checkpoint before the resource types were written");
                }
            }
            return new SyncState(tally.snapshot(), frontier, elapsedMillis(), base.calls() + calls,
                    base.requests() + stats.requests(), base.retries() + stats.retries(),
                    base.pluginRetries() + stats.pluginRetries());
        }
    }
}
