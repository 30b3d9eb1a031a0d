package dev.plugboard.kafka;

import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreLocation;
import dev.plugboard.host.store.StoreOpener;
import dev.plugboard.host.store.StoreSyncRun;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredRecord;
import dev.plugboard.host.store.StoredSync;
import dev.plugboard.host.store.SyncMetadata;
import dev.plugboard.host.store.SyncStatus;
import dev.plugboard.host.sync.Checkpoint;
import dev.plugboard.host.sync.Checkpointer;
import dev.plugboard.host.sync.RecordKind;
import dev.plugboard.host.sync.SyncIdentity;
import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.host.sync.SyncSummary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One sync of a Connect task written into the store, with the host's own store classes, exactly as
 * {@code plugboard sync} writes it: the same connection (plugin + configuration without secrets), the same stored
 * sync with its checkpoints, the same record versions. After the sync completes in the store, it names the records
 * the topic held (the store sync of the topic's previous completed run) that the sync no longer has: their
 * tombstones. The store refuses a second running sync of a connection; that refusal reaches the task as a
 * {@link StoreException} of kind {@code CONFLICT}.
 */
final class StoreRun implements AutoCloseable {
    /** The salt of the checkpoints kept in the store: the CLI's, so {@code plugboard sync --resume} can continue. */
    private static final String STORE_SALT = "store";

    private final Store store;
    private final StoredConnection connection;
    private final Optional<StoreSyncRun> run;
    private final long syncId;
    private final OptionalLong before;

    private StoreRun(Store store, StoredConnection connection, Optional<StoreSyncRun> run, long syncId,
                     OptionalLong before) {
        this.store = store;
        this.connection = connection;
        this.run = run;
        this.syncId = syncId;
        this.before = before;
    }

    /**
     * Opens the store and starts a new sync of the connection in it.
     *
     * @param location where the store is
     * @param name     the connection's name in the store
     * @param session  the plugin session
     * @param plan     the job
     * @param before   the store sync the topic's last completed run wrote, if any
     * @return the run
     * @throws StoreException when the store cannot be used or another sync of the connection is running
     */
    static StoreRun start(StoreLocation location, String name, PluginSession session, JobPlan plan,
                          OptionalLong before) {
        Store store = StoreOpener.open(location, Version.current());
        try {
            StoredConnection connection = connect(store, name, session);
            StoreSyncRun run = store.startSync(connection, metadata(session, plan));
            return new StoreRun(store, connection, Optional.of(run), run.syncId(), before);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens the store and continues the sync a resumed Connect sync was writing.
     *
     * @param location where the store is
     * @param name     the connection's name in the store
     * @param session  the plugin session
     * @param plan     the job
     * @param syncId   the store sync the resumed Connect sync was writing
     * @param before   the store sync the topic's last completed run wrote, if any
     * @return the run (without a stored run to write when the store already completed that sync), or empty when the
     *         store can no longer continue it (a later sync of the connection started since): the Connect sync then
     *         starts afresh
     * @throws StoreException when the store cannot be used or another sync of the connection is running
     */
    static Optional<StoreRun> resume(StoreLocation location, String name, PluginSession session, JobPlan plan,
                                     long syncId, OptionalLong before) {
        Store store = StoreOpener.open(location, Version.current());
        try {
            StoredConnection connection = connect(store, name, session);
            List<StoredSync> syncs = store.syncs(Optional.of(connection));
            Optional<StoredSync> mine = syncs.stream().filter(s -> s.id() == syncId).findFirst();
            if (mine.isPresent() && mine.get().status() == SyncStatus.COMPLETED) {
                return Optional.of(new StoreRun(store, connection, Optional.empty(), syncId, before));
            }
            if (mine.isEmpty() || syncs.get(syncs.size() - 1).id() != syncId) {
                store.close();
                return Optional.empty();
            }
            StoreSyncRun run;
            try {
                run = store.resumeSync(connection, metadata(session, plan));
            } catch (StoreException e) {
                if (e.problem() == StoreException.Problem.USAGE) {
                    store.close();
                    return Optional.empty();
                }
                throw e;
            }
            if (run.syncId() != syncId) {
                run.close();
                store.close();
                return Optional.empty();
            }
            return Optional.of(new StoreRun(store, connection, Optional.of(run), syncId, before));
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static StoredConnection connect(Store store, String name, PluginSession session) {
        return store.connect(session.plugin().id(), session.config().identityValues(), Optional.of(name));
    }

    private static SyncMetadata metadata(PluginSession session, JobPlan plan) {
        return new SyncMetadata(session.plugin().descriptor().version(),
                session.plugin().descriptor().spiVersion().toString(), Version.current(), plan.types());
    }

    /** @return the sync's id in the store */
    long syncId() {
        return syncId;
    }

    /** @return the store sync the topic held before this sync, if any */
    OptionalLong before() {
        return before;
    }

    /** @return the connection's name in the store */
    String connectionName() {
        return connection.name();
    }

    /** @return where the records go in the store: nowhere when the store already completed this sync */
    Optional<SyncRecordSink> sink() {
        return run.map(r -> r);
    }

    /**
     * @param session the plugin session
     * @param plan    the job
     * @return the checkpointer that keeps the engine's checkpoints in the stored sync (as the CLI's, so
     *         {@code plugboard sync --resume} could continue it), or one that keeps none when there is no stored run
     */
    Checkpointer checkpointer(PluginSession session, JobPlan plan) {
        if (run.isEmpty()) {
            return state -> { };
        }
        String pluginId = session.plugin().id();
        String digest = new SyncIdentity(pluginId, plan.types(), session.config().identityValues())
                .configDigest(STORE_SALT);
        return run.get().checkpointer(state -> new Checkpoint(pluginId, plan.types(), STORE_SALT, digest, 0, state),
                () -> 0);
    }

    /**
     * Completes the sync in the store (nothing to do when it already was).
     *
     * @param summary the sync's summary
     */
    void complete(SyncSummary summary) {
        run.ifPresent(r -> r.complete(summary));
    }

    /**
     * Ends the stored sync without completing it (it stays resumable).
     *
     * @param status  failed or interrupted
     * @param message why, masked
     */
    void stop(SyncStatus status, String message) {
        run.ifPresent(r -> r.stop(status, message));
    }

    /** A record the topic holds that the sync no longer has. */
    record Gone(RecordKind kind, String key) {
    }

    /**
     * Names the records of the store sync the topic held before this one that this (completed) sync does not have,
     * in the order they were stored. That earlier sync is the one the topic's last completed run wrote, or, when the
     * offsets name none (a first run with a store) or the store no longer has it, the connection's completed sync
     * before this one.
     *
     * @return each one's kind and key ({@link SyncRecords#key})
     */
    List<Gone> disappeared() {
        StoredSync now = store.completedSync(connection, syncId);
        Optional<StoredSync> earlier = Optional.empty();
        if (before.isPresent() && before.getAsLong() < syncId) {
            try {
                earlier = Optional.of(store.completedSync(connection, before.getAsLong()));
            } catch (StoreException e) {
                // pruned since: fall back to the completed sync before this one
            }
        }
        if (earlier.isEmpty()) {
            earlier = store.syncs(Optional.of(connection)).stream()
                    .filter(s -> s.status() == SyncStatus.COMPLETED && s.id() < syncId)
                    .reduce((a, b) -> b);
        }
        if (earlier.isEmpty()) {
            return List.of();
        }
        Map<String, RecordKind> removed = new LinkedHashMap<>();
        Set<String> kept = new HashSet<>();
        store.changes(earlier.get(), now, (StoredRecord r) -> {
            String key = keyOf(r);
            if (r.lastSyncId().isPresent() && r.lastSyncId().get() < now.id()) {
                removed.put(key, RecordKind.parse(r.kind()));
            } else {
                kept.add(key);
            }
        });
        List<Gone> gone = new ArrayList<>();
        removed.forEach((key, kind) -> {
            if (!kept.contains(key)) {
                gone.add(new Gone(kind, key));
            }
        });
        return gone;
    }

    /** @return a stored record's Connect key: a resource's store key is {@code type:id}, its Connect id type/id */
    static String keyOf(StoredRecord r) {
        RecordKind kind = RecordKind.parse(r.kind());
        return SyncRecords.key(kind, kind == RecordKind.RESOURCE ? r.key().replaceFirst(":", "/") : r.key());
    }

    @Override
    public void close() {
        try {
            run.ifPresent(StoreSyncRun::close);
        } finally {
            store.close();
        }
    }

    @Override
    public String toString() {
        return "StoreRun[" + store.location() + ", connection " + connection.name() + ", sync " + syncId + "]";
    }
}
