package dev.plugboard.host.sync;

import dev.plugboard.host.output.AtomicFileOutput;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One sync of one connector to JSON Lines: to a stream, or to a file written atomically with checkpoints beside it
 * ({@code OUT.partial} while running, {@code OUT.checkpoint.json} until it succeeds) so that it can be resumed.
 */
public final class SyncJob {
    private final String pluginId;
    private final Map<String, Object> configValues;
    private final ResourceSync source;
    private final SyncOptions options;
    private final Retrier retrier;
    private final SyncStats stats;
    private final SyncListener listener;
    private final LongSupplier nanoTime;

    /**
     * @param pluginId     the plugin id
     * @param configValues the configuration with its secrets masked, only fingerprinted (salted digest) in checkpoints
     * @param source       the connector's sync capability
     * @param options      how to run
     * @param retrier      retries retryable failures (give it {@code stats} as its listener)
     * @param stats        the counters the connector's progress sink and the retrier report to
     * @param listener     shown progress
     * @param nanoTime     time source for intervals
     */
    public SyncJob(String pluginId, Map<String, Object> configValues, ResourceSync source, SyncOptions options,
                   Retrier retrier, SyncStats stats, SyncListener listener, LongSupplier nanoTime) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.configValues = Objects.requireNonNull(configValues, "configValues");
        this.source = Objects.requireNonNull(source, "source");
        this.options = Objects.requireNonNull(options, "options");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    private SyncEngine engine() {
        return new SyncEngine(pluginId, source, options, retrier, stats, listener, nanoTime);
    }

    /** @return what a checkpoint of this sync must match */
    public SyncIdentity identity() {
        List<ResourceType> types = SyncEngine.selectTypes(List.copyOf(source.resourceTypes()), options.types());
        return new SyncIdentity(pluginId, types.stream().map(ResourceType::id).toList(), configValues);
    }

    /**
     * Syncs to a stream (no checkpoints: a stream cannot be resumed).
     *
     * @param out where to write; flushed, not closed
     * @return the summary
     * @throws IOException when writing fails
     */
    public SyncSummary toStream(OutputStream out) throws IOException {
        identity();
        return engine().run(new JsonLinesSyncWriter(out), Checkpointer.none(), Optional.empty());
    }

    /**
     * Syncs to a writer (no checkpoints).
     *
     * @param out where to write; flushed, not closed
     * @return the summary
     * @throws IOException when writing fails
     */
    public SyncSummary toWriter(java.io.Writer out) throws IOException {
        identity();
        return engine().run(new JsonLinesSyncWriter(out), Checkpointer.none(), Optional.empty());
    }

    /**
     * Syncs to a file. While it runs the records go to {@code OUT.partial} and the state to
     * {@code OUT.checkpoint.json} at most every checkpoint interval; on success the partial file is renamed to
     * {@code OUT} and the checkpoint deleted. On failure both are kept (when a checkpoint was saved) so
     * {@code resume} can continue; {@code OUT} itself is never touched.
     *
     * @param out    the output file
     * @param resume whether to continue from the checkpoint beside {@code out}
     * @return the summary
     * @throws ResumeException          when resuming is asked but the checkpoint is missing or does not match
     * @throws IOException              when writing fails
     * @throws IllegalArgumentException when a requested type is unknown
     */
    public SyncSummary toFile(Path out, boolean resume) throws IOException, ResumeException {
        SyncIdentity identity = identity();
        CheckpointFile checkpoints = CheckpointFile.besides(out);
        String salt;
        Optional<SyncState> from;
        AtomicFileOutput file;
        if (resume) {
            Checkpoint checkpoint = checkpoints.read();
            checkpoint.verify(identity, checkpoints.path().getFileName().toString());
            salt = checkpoint.configSalt();
            from = Optional.of(checkpoint.state());
            try {
                file = AtomicFileOutput.resume(out, checkpoint.outputPosition());
            } catch (IOException e) {
                throw new ResumeException(e.getMessage(), e);
            }
        } else {
            checkpoints.delete();
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            salt = HexFormat.of().formatHex(random);
            from = Optional.empty();
            file = AtomicFileOutput.create(out);
        }
        String digest = identity.configDigest(salt);
        Checkpointer saver = state -> checkpoints.write(
                new Checkpoint(identity.pluginId(), identity.types(), salt, digest, file.sync(), state));
        boolean committed = false;
        try {
            SyncSummary summary = engine().run(new JsonLinesSyncWriter(file.stream()), saver, from);
            file.commit();
            committed = true;
            checkpoints.delete();
            return summary;
        } finally {
            if (!committed) {
                file.abandon(checkpoints.exists());
            }
        }
    }
}
