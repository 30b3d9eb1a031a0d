package dev.plugboard.host.store;

import dev.plugboard.host.sync.JsonLinesSyncWriter;
import dev.plugboard.host.sync.Checkpoint;
import dev.plugboard.host.sync.CheckpointFile;
import dev.plugboard.host.sync.Checkpointer;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.host.sync.SyncState;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One sync being written into the store, in batches: each record is matched with the version the previous completed
 * sync saw (same key and content: marked seen) or stored as a new version. Only {@link #complete} closes intervals,
 * so a failed or interrupted sync never makes access look revoked. Checkpoints go into the sync's row, in the same
 * store, so {@code --resume} continues it; a record written twice (after a resume) is stored once.
 */
public final class StoreSyncRun implements SyncRecordSink, AutoCloseable {
    private static final int BATCH = 1000;
    private static final String MATCH = "UPDATE record_versions SET seen_sync_id = ? WHERE connection_id = ? AND kind = ?"
            + " AND record_key = ? AND content_hash = ? AND (last_sync_id = ? OR (last_sync_id IS NULL AND"
            + " first_sync_id = ?))";
    private static final String INSERT = "INSERT INTO record_versions (connection_id, kind, record_key, content_hash,"
            + " first_sync_id, seen_sync_id, entitlement_id, principal, expandable, data) VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final StoreLocation location;
    private final long syncId;
    private final StoredConnection storedConnection;
    private final long previousSyncId;
    private final Optional<String> checkpointJson;
    private final long priorDurationMillis;
    private final Connection connection;
    private final StringWriter buffer = new StringWriter();
    private final JsonLinesSyncWriter json;
    private final MessageDigest sha;
    private final List<Row> batch = new ArrayList<>();
    private final ScheduledExecutorService heartbeat;
    private boolean finished;

    private record Row(String kind, String key, String hash, String entitlement, String principal, int expandable,
                       String data) {
    }

    StoreSyncRun(StoreLocation location, long syncId, StoredConnection storedConnection, long previousSyncId,
                 Optional<String> checkpointJson, long priorDurationMillis) {
        this.location = Objects.requireNonNull(location, "location");
        this.syncId = syncId;
        this.storedConnection = Objects.requireNonNull(storedConnection, "storedConnection");
        this.previousSyncId = previousSyncId;
        this.checkpointJson = Objects.requireNonNull(checkpointJson, "checkpointJson");
        this.priorDurationMillis = priorDurationMillis;
        this.connection = StoreOpener.connect(location);
        try {
            this.json = new JsonLinesSyncWriter(buffer);
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON to memory", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "plugboard-store-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = SyncOwner.HEARTBEAT_INTERVAL.toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** @return the sync's id in the store */
    public long syncId() {
        return syncId;
    }

    /** @return its connection */
    public StoredConnection storedConnection() {
        return storedConnection;
    }

    /**
     * @return the checkpoint to continue from, when this run resumes an interrupted sync
     * @throws ResumeException when the stored checkpoint cannot be read
     */
    public Optional<Checkpoint> checkpoint() throws ResumeException {
        return checkpointJson.isEmpty() ? Optional.empty()
                : Optional.of(CheckpointFile.fromJson(checkpointJson.get(), "of sync " + syncId));
    }

    private void beat() {
        try (Connection c = StoreOpener.connect(location)) {
            Sql.update(c, "UPDATE syncs SET heartbeat_at = ? WHERE id = ? AND status = 'running'",
                    Sql.time(Instant.now()), syncId);
        } catch (SQLException | RuntimeException e) {
            // a missed heartbeat only matters after two minutes of them; the writes themselves report failures
        }
    }

    private void add(String kind, String key, String entitlement, String principal, boolean expandable)
            throws IOException {
        json.flush();
        StringBuffer text = buffer.getBuffer();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        String data = text.substring(0, end);
        text.setLength(0);
        byte[] digest = sha.digest(data.getBytes(StandardCharsets.UTF_8));
        String hash = HexFormat.of().formatHex(digest, 0, 16);
        batch.add(new Row(kind, key, hash, entitlement, principal, expandable ? 1 : 0, data));
        if (batch.size() >= BATCH) {
            writeBatch();
        }
    }

    @Override
    public void resourceType(ResourceType type) throws IOException {
        json.resourceType(type);
        add("resourceType", type.id(), null, null, false);
    }

    @Override
    public void resource(Resource resource) throws IOException {
        json.resource(resource);
        add("resource", resource.type() + ":" + resource.id(), null, null, false);
    }

    @Override
    public void entitlement(Entitlement entitlement) throws IOException {
        json.entitlement(entitlement);
        add("entitlement", entitlement.id(), entitlement.id(), null, false);
    }

    @Override
    public void grant(Grant grant) throws IOException {
        json.grant(grant);
        add("grant", grant.id(), grant.entitlementId(), grant.principal().type() + ":" + grant.principal().id(),
                grant.isExpandable());
    }

    @Override
    public void summary(SyncSummary summary) {
        // the summary is the sync's row, written by complete()
    }

    @Override
    public void flush() throws IOException {
        writeBatch();
    }

    private void writeBatch() throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Sql.transaction(connection, location.engine(), () -> {
                int[] matched;
                try (PreparedStatement st = connection.prepareStatement(MATCH)) {
                    for (Row r : batch) {
                        Sql.bind(st, syncId, storedConnection.id(), r.kind(), r.key(), r.hash(), previousSyncId, syncId);
                        st.addBatch();
                    }
                    matched = st.executeBatch();
                }
                try (PreparedStatement st = connection.prepareStatement(INSERT)) {
                    boolean any = false;
                    for (int i = 0; i < batch.size(); i++) {
                        if (matched[i] == 0) {
                            Row r = batch.get(i);
                            Sql.bind(st, storedConnection.id(), r.kind(), r.key(), r.hash(), syncId, syncId,
                                    r.entitlement(), r.principal(), r.expandable(), r.data());
                            st.addBatch();
                            any = true;
                        }
                    }
                    if (any) {
                        st.executeBatch();
                    }
                }
                return null;
            });
            batch.clear();
        } catch (SQLException e) {
            throw new StoreWriteException(StoreErrors.translate(e, location, "write"));
        }
    }

    /**
     * @param positionOfOutput the byte position of a JSON Lines file written beside the store, or 0
     * @param identity         makes the checkpoint for a state (plugin, types, configuration digest)
     * @return the checkpointer that saves the state into the sync's row
     */
    public Checkpointer checkpointer(Function<SyncState, Checkpoint> identity, OutputPosition positionOfOutput) {
        return state -> {
            long position = positionOfOutput.get();
            Checkpoint checkpoint = identity.apply(state);
            String text = CheckpointFile.toJson(new Checkpoint(checkpoint.pluginId(), checkpoint.types(),
                    checkpoint.configSalt(), checkpoint.configDigest(), position, checkpoint.outputDigest(), state));
            try {
                Sql.transaction(connection, location.engine(), () -> Sql.update(connection, "UPDATE syncs SET"
                        + " checkpoint = ?, heartbeat_at = ?, resource_types = ?, resources = ?, entitlements = ?,"
                        + " grants = ?, calls = ?, requests = ?, retries = ?, duration_ms = ? WHERE id = ?", text,
                        Sql.time(Instant.now()), state.counts().resourceTypes(), state.counts().resources(),
                        state.counts().entitlements(), state.counts().grants(), state.calls(), state.requests(),
                        state.retries() + state.pluginRetries(), state.elapsedMillis(), syncId));
            } catch (SQLException e) {
                throw new StoreWriteException(StoreErrors.translate(e, location, "write"));
            }
        };
    }

    /**
     * Completes the sync: every version it saw now lasts until it, and the rest ends at the previous sync.
     *
     * @param summary the sync's summary
     */
    public void complete(SyncSummary summary) {
        try {
            writeBatch();
            Sql.transaction(connection, location.engine(), () -> {
                Sql.update(connection, "UPDATE record_versions SET last_sync_id = ? WHERE connection_id = ? AND"
                        + " seen_sync_id = ? AND (last_sync_id = ? OR (last_sync_id IS NULL AND first_sync_id = ?))",
                        syncId, storedConnection.id(), syncId, previousSyncId, syncId);
                Sql.update(connection, "DELETE FROM record_versions WHERE connection_id = ? AND last_sync_id IS NULL",
                        storedConnection.id());
                Sql.update(connection, "UPDATE syncs SET checkpoint = NULL WHERE connection_id = ? AND checkpoint IS"
                        + " NOT NULL", storedConnection.id());
                Sql.update(connection, "UPDATE syncs SET status = 'completed', finished_at = ?, heartbeat_at = ?,"
                        + " resource_types = ?, resources = ?, entitlements = ?, grants = ?, calls = ?, requests = ?,"
                        + " retries = ?, duration_ms = ?, error = NULL WHERE id = ?", Sql.time(Instant.now()),
                        Sql.time(Instant.now()), summary.counts().resourceTypes(), summary.counts().resources(),
                        summary.counts().entitlements(), summary.counts().grants(), summary.calls(), summary.requests(),
                        summary.retries() + summary.pluginRetries(), summary.durationMillis(), syncId);
                return null;
            });
            finished = true;
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, "complete the sync in");
        } catch (IOException e) {
            throw e.getCause() instanceof StoreException s ? s
                    : new StoreException(StoreException.Problem.UNAVAILABLE, e.getMessage(), e);
        }
    }

    /**
     * Ends the sync without completing it: its intervals stay as they were; its checkpoint stays for
     * {@code --resume}.
     *
     * @param status  {@link SyncStatus#FAILED} or {@link SyncStatus#INTERRUPTED}
     * @param message why (already masked)
     */
    public void stop(SyncStatus status, String message) {
        if (status == SyncStatus.COMPLETED || status == SyncStatus.RUNNING) {
            throw new IllegalArgumentException("stop with failed or interrupted, not " + status);
        }
        try {
            batch.clear();
            Sql.update(connection, "UPDATE syncs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status ="
                    + " 'running'", status.sql(), Sql.time(Instant.now()), message, syncId);
            finished = true;
        } catch (SQLException e) {
            throw StoreErrors.translate(e, location, "record the end of the sync in");
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        if (!finished) {
            try {
                stop(SyncStatus.INTERRUPTED, "the sync stopped without completing");
            } catch (StoreException e) {
                // the next command marks it interrupted anyway, when it finds its process gone
            }
        }
        StoreOpener.close(connection);
    }

    /** The byte position of a file written beside the store, flushed to disk. */
    @FunctionalInterface
    public interface OutputPosition {
        /**
         * @return the position
         * @throws IOException when flushing fails
         */
        long get() throws IOException;
    }

    /** A store failure while writing, carried through the sink's {@link IOException} contract. */
    public static final class StoreWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        StoreWriteException(StoreException cause) {
            super(cause.getMessage(), cause);
        }

        /** @return the store failure */
        public StoreException storeFailure() {
            return (StoreException) getCause();
        }
    }
}
