package dev.plugboard.host.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The host's memory between runs: connections, their syncs, and every version of every record with the completed
 * syncs that saw it. Commands read and write it through this interface only, never knowing the engine (SQLite or
 * PostgreSQL). Every method throws {@link StoreException} when the store fails.
 */
public interface Store extends AutoCloseable {

    /** @return where it is */
    StoreLocation location();

    /**
     * Finds or creates the connection of a plugin and configuration.
     *
     * @param pluginId       the plugin
     * @param identityValues the configuration with its secrets masked
     * @param name           the name to give or use ({@code --connection}); empty picks the existing one, or a new
     *                       name from the plugin id
     * @return the connection
     * @throws StoreException (usage) when the name belongs to another plugin or configuration
     */
    StoredConnection connect(String pluginId, Map<String, Object> identityValues, Optional<String> name);

    /** @return every connection, by name */
    List<StoredConnection> connections();

    /**
     * @param name a connection name, or empty for the only connection
     * @return the connection
     * @throws StoreException (usage) naming the connections when there is no such one, or several and no name
     */
    StoredConnection connection(Optional<String> name);

    /**
     * Starts a sync of a connection, after checking that none is running.
     *
     * @param connection the connection
     * @param metadata   what to record about the run
     * @return the run, to write records into
     * @throws StoreException (conflict) naming the running sync
     */
    StoreSyncRun startSync(StoredConnection connection, SyncMetadata metadata);

    /**
     * Continues the connection's last sync, when it failed or was interrupted.
     *
     * @param connection the connection
     * @param metadata   what to record about the run
     * @return the run with its checkpoint
     * @throws StoreException (usage) when there is nothing to resume, (conflict) when it is running
     */
    StoreSyncRun resumeSync(StoredConnection connection, SyncMetadata metadata);

    /**
     * @param connection one connection, or empty for all
     * @return their syncs, oldest first
     */
    List<StoredSync> syncs(Optional<StoredConnection> connection);

    /**
     * @param connection the connection
     * @param id         a sync id
     * @return that sync, which must be a completed sync of the connection
     * @throws StoreException (usage) saying what it is instead
     */
    StoredSync completedSync(StoredConnection connection, long id);

    /**
     * @param connection the connection
     * @param at         a moment
     * @return the last sync of the connection completed at or before it
     */
    Optional<StoredSync> completedAt(StoredConnection connection, Instant at);

    /**
     * Streams the records as a completed sync saw them.
     *
     * @param sync   a completed sync
     * @param filter which records
     * @param sink   receives them, in the order they were first stored
     */
    void records(StoredSync sync, RecordFilter filter, Consumer<StoredRecord> sink);

    /**
     * Streams the record versions valid at exactly one of two completed syncs of a connection: what changed.
     *
     * @param from the earlier sync
     * @param to   the later sync
     * @param sink receives them; a version with {@code lastSyncId < to.id()} was valid at {@code from} only
     */
    void changes(StoredSync from, StoredSync to, Consumer<StoredRecord> sink);

    /**
     * Streams every version of the matching records of a connection, whatever sync saw it (for timelines).
     *
     * @param connection the connection
     * @param filter     which records
     * @param sink       receives them, oldest first
     */
    void versions(StoredConnection connection, RecordFilter filter, Consumer<StoredRecord> sink);

    /**
     * Deletes old syncs, keeping every interval consistent with the syncs left: versions seen only by deleted syncs
     * go, and versions that began in a deleted sync begin at the oldest kept one. The last completed sync of each
     * connection is always kept; running syncs are never touched.
     *
     * @param connection one connection, or empty for all
     * @param keep       keep the newest N completed syncs of each connection
     * @param before     delete the syncs that finished before this moment
     * @return what was deleted
     */
    PruneResult prune(Optional<StoredConnection> connection, OptionalInt keep, Optional<Instant> before);

    /** @return the report cursors and report tables kept in this store (issue 16) */
    ReportStore reports();

    /** @return the leases (time-bound grants) kept in this store */
    Leases leases();

    /** @return the access reviews kept in this store (campaigns and their evidence) */
    ReviewStore reviews();

    /**
     * @param pluginId       the plugin
     * @param identityValues the configuration with its secrets masked
     * @return the identity a connection of this plugin and configuration has ({@link StoredConnection#configIdentity()})
     */
    static String connectionIdentity(String pluginId, Map<String, Object> identityValues) {
        return new dev.plugboard.host.sync.SyncIdentity(pluginId, List.of(), identityValues)
                .configDigest("plugboard-connection");
    }

    /** Closes the store. */
    @Override
    void close();

    /**
     * What a prune deleted.
     *
     * @param syncs    syncs deleted
     * @param versions record versions deleted
     */
    record PruneResult(long syncs, long versions) {
    }
}
