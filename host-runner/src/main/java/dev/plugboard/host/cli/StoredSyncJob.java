package dev.plugboard.host.cli;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.output.AtomicFileOutput;
import dev.plugboard.host.sync.JsonLinesSyncWriter;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreSyncRun;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.SyncMetadata;
import dev.plugboard.host.store.SyncStatus;
import dev.plugboard.host.sync.Checkpoint;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.host.sync.SyncIdentity;
import dev.plugboard.host.sync.SyncJob;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.host.sync.SyncState;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.host.sync.TeeSyncSink;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sync into the store (and, with {@code --out}, into a JSON Lines file too): starts or resumes the stored sync,
 * streams the records in batches, keeps the checkpoints in the store, and completes or stops the stored sync.
 */
final class StoredSyncJob {
    private static final String SALT = "store";

    private final Store store;
    private final SyncJob job;
    private final SecretMasker masker;
    private final SyncListener listener;
    private StoreSyncRun run;

    /**
     * @param store  the open store
     * @param job    the sync to run
     * @param masker   masks the configuration's secrets in stored error messages
     * @param listener the sync's progress display, told how many records to expect
     */
    StoredSyncJob(Store store, SyncJob job, SecretMasker masker, SyncListener listener) {
        this.store = store;
        this.job = job;
        this.masker = masker;
        this.listener = listener;
    }

    /**
     * @return the records of the connection's last completed sync of the same types: about what this one will write
     *         (the progress display's total), or empty before the first
     */
    private java.util.OptionalLong expectedRecords(StoredConnection connection, List<String> types) {
        return store.syncs(Optional.of(connection)).stream()
                .filter(s -> s.status() == SyncStatus.COMPLETED && s.types().equals(types))
                .reduce((earlier, later) -> later)
                .map(s -> java.util.OptionalLong.of(s.resourceTypes() + s.resources() + s.entitlements() + s.grants()))
                .orElse(java.util.OptionalLong.empty());
    }

    /** @return the stored run, once started */
    Optional<StoreSyncRun> run() {
        return Optional.ofNullable(run);
    }

    /**
     * @param pluginId       the plugin
     * @param identityValues the configuration with secrets masked
     * @param name           the connection name asked for
     * @param metadata       what to record
     * @param out            a JSON Lines file to write as well
     * @param resume         whether to continue the connection's interrupted sync
     * @return the summary
     * @throws ConnectorException when the sync fails (the stored sync is then failed or interrupted, resumable)
     * @throws IOException        when writing the file fails
     * @throws ResumeException    when the stored checkpoint does not fit this sync
     */
    SyncSummary execute(String pluginId, Map<String, Object> identityValues, Optional<String> name,
                        SyncMetadata metadata, Optional<Path> out, boolean resume) throws IOException, ResumeException {
        StoredConnection connection = store.connect(pluginId, identityValues, name);
        SyncIdentity identity = job.identity();
        expectedRecords(connection, identity.types()).ifPresent(listener::expect);
        String digest = identity.configDigest(SALT);
        run = resume ? store.resumeSync(connection, metadata) : store.startSync(connection, metadata);
        AtomicFileOutput file = null;
        boolean completed = false;
        try {
            Optional<SyncState> from = Optional.empty();
            long position = 0;
            Optional<String> fileDigest = Optional.empty();
            if (resume) {
                Checkpoint checkpoint = run.checkpoint().orElseThrow();
                checkpoint.verify(identity, "of sync " + run.syncId());
                from = Optional.of(checkpoint.state());
                position = checkpoint.outputPosition();
                fileDigest = checkpoint.outputDigest();
            }
            SyncRecordSink sink = run;
            if (out.isPresent()) {
                if (resume) {
                    String digestOfPartial = fileDigest.orElseThrow(() -> new ResumeException("sync " + run.syncId()
                            + " was not writing " + out.get() + "; resume without --out, or run without --resume"));
                    file = AtomicFileOutput.resume(out.get(), position, digestOfPartial);
                } else {
                    file = AtomicFileOutput.create(out.get());
                }
                sink = new TeeSyncSink(List.of(run, new JsonLinesSyncWriter(file.stream())));
            }
            AtomicFileOutput f = file;
            SyncSummary summary = job.run(sink, run.checkpointer(state -> new Checkpoint(identity.pluginId(),
                    identity.types(), SALT, digest, 0, f == null ? Optional.empty() : Optional.of(f.contentDigest()),
                    state), () -> f == null ? 0 : f.sync()), from);
            run.complete(summary);
            if (file != null) {
                file.commit();
            }
            completed = true;
            return summary;
        } catch (ConnectorException e) {
            run.stop(e.kind() == ErrorKind.CANCELLED ? SyncStatus.INTERRUPTED : SyncStatus.FAILED,
                    masker.mask(e.getMessage()));
            throw e;
        } catch (StoreSyncRun.StoreWriteException e) {
            throw e.storeFailure();
        } catch (ResumeException | IOException | RuntimeException e) {
            if (!(e instanceof StoreException)) {
                run.stop(SyncStatus.FAILED, masker.mask(String.valueOf(e.getMessage())));
            }
            throw e;
        } finally {
            if (file != null && !completed) {
                file.abandon(true);
            }
            run.close();
        }
    }
}
