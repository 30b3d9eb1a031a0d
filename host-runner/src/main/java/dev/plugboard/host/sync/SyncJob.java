package dev.plugboard.host.sync;

import dev.plugboard.host.output.AtomicFileOutput;
import dev.plugboard.host.output.OutputFiles;
import dev.plugboard.host.output.OutputLock;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
     * Syncs to any sink, with any checkpointer (the store keeps its checkpoints in itself).
     *
     * @param sink         where records go
     * @param checkpointer saves the state now and then
     * @param resumeFrom   the state to continue from, or empty
     * @return the summary
     * @throws IOException when writing fails
     */
    public SyncSummary run(SyncRecordSink sink, Checkpointer checkpointer, Optional<SyncState> resumeFrom)
            throws IOException {
        identity();
        return engine().run(sink, checkpointer, resumeFrom);
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
     * {@code resume} can continue; {@code OUT} itself is never touched. The output is locked for the run
     * ({@link OutputLock}: a second run on it is refused). A device or FIFO is written directly, without a checkpoint.
     *
     * @param out    the output file
     * @param resume whether to continue from the checkpoint beside {@code out}
     * @return the summary
     * @throws ResumeException          when resuming is asked but the checkpoint is missing, changed or does not match
     * @throws IOException              when writing fails; {@link dev.plugboard.host.output.OutputInUseException}
     *                                  when another run is writing {@code out}
     * @throws IllegalArgumentException when a requested type is unknown
     */
    public SyncSummary toFile(Path out, boolean resume) throws IOException, ResumeException {
        if (OutputFiles.of(out) == OutputFiles.SPECIAL) {
            if (resume) {
                throw new ResumeException(out + " is not a regular file (a device or a pipe): a sync to it cannot be"
                        + " resumed; run without --resume");
            }
            try (OutputStream device = Files.newOutputStream(out, StandardOpenOption.WRITE)) {
                return toStream(device);
            }
        }
        SyncIdentity identity = identity();
        try (OutputLock lock = OutputLock.acquire(out)) {
            return toLockedFile(out, resume, identity);
        }
    }

    private SyncSummary toLockedFile(Path out, boolean resume, SyncIdentity identity)
            throws IOException, ResumeException {
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
                file = AtomicFileOutput.resume(out, checkpoint.outputPosition(), checkpoint.outputDigest()
                        .orElseThrow(() -> new IOException("the checkpoint " + checkpoints.path() + " holds no digest"
                                + " of " + out + ".partial; run without --resume to start over")));
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
        Checkpointer saver = state -> {
            long position = file.sync();
            checkpoints.write(new Checkpoint(identity.pluginId(), identity.types(), salt, digest, position,
                    Optional.of(file.contentDigest()), state));
        };
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
