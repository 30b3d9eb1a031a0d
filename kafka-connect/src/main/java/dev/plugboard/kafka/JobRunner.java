package dev.plugboard.kafka;

import dev.plugboard.host.report.ReportCheckpoint;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.host.runtime.RequestCounter;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreSyncRun;
import dev.plugboard.host.store.SyncStatus;
import dev.plugboard.host.sync.CheckpointFile;
import dev.plugboard.host.sync.Checkpointer;
import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.host.sync.TeeSyncSink;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.SyncEngine;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncState;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's own thread: runs the job (the host's {@link SyncEngine} or {@link ReportRunner}) once, then again each
 * interval after the previous run completed, putting records on a bounded queue that {@link #poll} drains. A run
 * that fails with a retryable error (the remote system unavailable or rate limiting past the plugin's own retries)
 * resumes from its last checkpoint after a pause; any other failure fails the task with its (masked) message.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** The least time between two checkpoints, that is between two distinct offsets. */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
    private static final int QUEUE_CAPACITY = 10_000;
    private static final int BATCH = 2_000;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(30);

    private final PluginSession session;
    private final JobPlan plan;
    private final Settings settings;
    private final Map<String, Object> partition;
    private final BlockingQueue<SourceRecord> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile Optional<Offsets> last;
    private volatile Throwable failure;
    private volatile boolean stopping;

    /**
     * @param session  the open plugin session
     * @param plan     the job
     * @param settings the settings
     * @param stored   the offset Connect committed last for this connection, if any
     * @param name     the thread's name
     */
    JobRunner(PluginSession session, JobPlan plan, Settings settings, Optional<Offsets> stored, String name) {
        this.session = Objects.requireNonNull(session, "session");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partition = Offsets.partition(plan.connection());
        this.last = Objects.requireNonNull(stored, "stored");
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    /** @return the source partition of this connection */
    Map<String, Object> partition() {
        return partition;
    }

    void start() {
        thread.start();
    }

    /**
     * @return the records ready (up to a batch), or null after a second without any
     * @throws InterruptedException when interrupted
     * @throws ConnectException     when the job failed for good (after every record before the failure)
     */
    List<SourceRecord> poll() throws InterruptedException {
        SourceRecord first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            Throwable failed = failure;
            if (failed != null && queue.isEmpty()) {
                throw new ConnectException(session.mask(failed instanceof StoreException
                        ? "Plugboard store: " + failed.getMessage()
                        : "Plugboard plugin '" + session.plugin().id() + "' failed: " + failed.getMessage()), failed);
            }
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(BATCH, queue.size() + 1));
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        return batch;
    }

    /** Stops the run (it saves a checkpoint) and waits for the thread to end. */
    void stop() {
        stopping = true;
        session.context().cancel();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                waitUntilDue();
                last = Optional.of(plan.report().isPresent() ? runReport(plan.report().get()) : runSync());
            } catch (InterruptedException | InterruptedIOException e) {
                return;
            } catch (ConnectorException e) {
                if (stopping) {
                    return;
                }
                if (!e.kind().retryable()) {
                    failure = e;
                    return;
                }
                LOG.warn("{}: run failed ({}); retrying from its last checkpoint in {} s", plan.connection(),
                        session.mask(e.getMessage()), RETRY_PAUSE.toSeconds());
                if (!pause(RETRY_PAUSE)) {
                    return;
                }
            } catch (StoreException e) {
                if (stopping) {
                    return;
                }
                if (e.problem() != StoreException.Problem.UNAVAILABLE) {
                    failure = e;
                    return;
                }
                LOG.warn("{}: the store failed ({}); retrying from the last checkpoint in {} s", plan.connection(),
                        e.getMessage(), RETRY_PAUSE.toSeconds());
                if (!pause(RETRY_PAUSE)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    failure = e;
                }
                return;
            }
        }
    }

    private void waitUntilDue() throws InterruptedException {
        Optional<Offsets> previous = last;
        if (previous.isPresent() && previous.get().complete()) {
            long due = previous.get().completedAt() + settings.interval().toMillis();
            long wait = due - System.currentTimeMillis();
            if (wait > 0) {
                LOG.info("{}: next run in {} s", plan.connection(), TimeUnit.MILLISECONDS.toSeconds(wait));
                Thread.sleep(wait);
            }
        }
    }

    private boolean pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void put(SourceRecord record) throws InterruptedIOException {
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the task is stopping");
        }
    }

    private Offsets runSync() throws IOException {
        Optional<Offsets> previous = last;
        Optional<Offsets> resumed = previous.filter(o -> !o.complete());
        Optional<SyncState> from = Optional.empty();
        if (resumed.isPresent() && resumed.get().checkpoint().isPresent()) {
            try {
                from = Optional.of(CheckpointFile.fromJson(resumed.get().checkpoint().get(),
                        "in the offsets of " + plan.connection()).state());
            } catch (ResumeException e) {
                LOG.warn("{}: {}; starting the sync afresh", plan.connection(), e.getMessage());
                resumed = Optional.empty();
            }
        } else {
            resumed = Optional.empty();
        }
        // the store sync the topic holds: the last completed run's, or the one a resumed run started after
        OptionalLong before = previous.map(o -> o.complete() ? o.storeSync() : o.storeBefore())
                .orElse(OptionalLong.empty());
        Optional<StoreRun> store = Optional.empty();
        try {
            store = inStore(resumed, before);
        } catch (StoreException e) {
            if (resumed.isEmpty()) {
                // a retry starts this sync afresh at once (a completed offset would wait for the interval)
                last = Optional.of(Offsets.running(UUID.randomUUID().toString(), 0, Optional.empty())
                        .withStore(OptionalLong.empty(), before));
            }
            throw e;
        }
        if (store.isPresent() && resumed.isPresent() && store.get().syncId() != resumed.get().storeSync().orElse(-1)) {
            // the store could not continue the interrupted sync: this one starts afresh
            resumed = Optional.empty();
            from = Optional.empty();
        }
        try {
            return runSync(resumed, from, store);
        } catch (StoreSyncRun.StoreWriteException e) {
            throw e.storeFailure();
        } finally {
            store.ifPresent(StoreRun::close);
        }
    }

    /** @return the store run of this sync: the interrupted one continued, or a new one; empty without a store */
    private Optional<StoreRun> inStore(Optional<Offsets> resumed, OptionalLong before) {
        Optional<StoreRun> store = Optional.empty();
        if (settings.store().isPresent()) {
            if (resumed.isPresent() && resumed.get().storeSync().isPresent()) {
                store = StoreRun.resume(settings.store().get(), settings.storeName(), session, plan,
                        resumed.get().storeSync().getAsLong(), before);
            }
            if (store.isEmpty() && resumed.isPresent()) {
                LOG.warn("{}: the store {} cannot continue the interrupted sync (a later sync of connection '{}'"
                        + " started since, or it was begun without the store); starting the sync afresh",
                        plan.connection(), settings.store().get().describe(), settings.storeName());
            }
            if (store.isEmpty()) {
                store = Optional.of(startInStore(before));
            }
        }
        return store;
    }

    private StoreRun startInStore(OptionalLong before) {
        try {
            return StoreRun.start(settings.store().get(), settings.storeName(), session, plan, before);
        } catch (StoreException e) {
            if (e.problem() != StoreException.Problem.CONFLICT) {
                throw e;
            }
            throw new StoreException(e.problem(), "the store " + settings.store().get().describe() + " refused to"
                    + " start a sync: " + e.getMessage() + ". Two connectors, or a connector and 'plugboard sync',"
                    + " are syncing connection '" + settings.storeName() + "' into one store: delete one of the"
                    + " connectors, or restart this task (POST /connectors/NAME/restart?includeTasks=true) once the"
                    + " other sync has finished", e);
        }
    }

    private Offsets runSync(Optional<Offsets> resumed, Optional<SyncState> from, Optional<StoreRun> store)
            throws IOException {
        Optional<Offsets> previous = last;
        String syncId = resumed.map(Offsets::runId).orElseGet(() -> UUID.randomUUID().toString());
        LOG.info("{}: {} sync {}{}", plan.connection(), from.isPresent() ? "resuming" : "starting", syncId,
                store.map(s -> " (store sync " + s.syncId() + " of connection '" + s.connectionName() + "')")
                        .orElse(""));
        RequestCounter requests = session.context().requests();
        long requests0 = requests.requests();
        long retries0 = requests.retries();
        SyncStats stats = new SyncStats(() -> requests.requests() - requests0, () -> requests.retries() - retries0,
                requests::status);
        // retries have one owner, the plugin (as under the CLI): the host does not retry on top of it
        Retrier retrier = Retrier.none();
        SyncOptions options = SyncOptions.of(session.limits().maxConcurrency()).withTypes(plan.types())
                .withCheckpointInterval(CHECKPOINT_INTERVAL).withCancellation(session.context().cancellation());
        SyncEngine engine = new SyncEngine(session.plugin().id(), session.connector().resourceSync().orElseThrow(),
                options, retrier, stats, SyncListener.none(), System::nanoTime);
        OptionalLong storeSync = store.map(s -> OptionalLong.of(s.syncId())).orElse(OptionalLong.empty());
        OptionalLong storeBefore = store.map(StoreRun::before).orElse(OptionalLong.empty());
        SyncRecords records = new SyncRecords(settings, partition, syncId, session.plugin().id(), plan.types(),
                plan.configDigest(), from.isPresent() ? resumed : Optional.empty(),
                previous.filter(Offsets::complete), this::put, System::currentTimeMillis, storeSync, storeBefore);
        Optional<SyncRecordSink> stored = store.flatMap(StoreRun::sink);
        SyncRecordSink sink = stored.isPresent() ? new TeeSyncSink(List.of(stored.get(), records)) : records;
        Checkpointer inStore = store.map(s -> s.checkpointer(session, plan)).orElse(state -> { });
        Checkpointer checkpointer = state -> {
            // the store first: an offset never names a checkpoint the store does not have
            inStore.save(state);
            records.save(state);
        };
        long tombstones = 0;
        try {
            SyncSummary summary = engine.run(sink, checkpointer, from);
            if (store.isPresent()) {
                store.get().complete(summary);
                for (StoreRun.Gone gone : store.get().disappeared()) {
                    records.tombstone(gone.kind(), gone.key());
                    tombstones++;
                }
            }
            records.finish();
        } catch (ConnectorException e) {
            store.ifPresent(s -> s.stop(e.kind() == ErrorKind.CANCELLED ? SyncStatus.INTERRUPTED : SyncStatus.FAILED,
                    session.mask(e.getMessage())));
            remember(records, syncId, storeBefore);
            throw e;
        } catch (IOException | RuntimeException e) {
            remember(records, syncId, storeBefore);
            throw e;
        }
        LOG.info("{}: sync {} complete, {} records{}, largest checkpoint {} characters", plan.connection(), syncId,
                records.records(), store.isPresent() ? " (" + tombstones + " tombstones)" : "",
                records.largestCheckpoint());
        return Offsets.fromMap(records.offset()).orElseThrow();
    }

    /** After a failed run: a retry resumes from its last checkpoint, else starts afresh (never waits an interval). */
    private void remember(SyncRecords records, String syncId, OptionalLong storeBefore) {
        Optional<Offsets> at = Offsets.fromMap(records.offset()).filter(o -> !o.complete());
        last = Optional.of(at.orElseGet(() -> Offsets.running(syncId, 0, Optional.empty())
                .withStore(OptionalLong.empty(), storeBefore)));
    }

    private Offsets runReport(ReportDefinition report) throws IOException {
        Optional<Offsets> previous = last;
        Optional<Offsets> resumed = previous.filter(o -> !o.complete());
        Optional<ReportCheckpoint> from = Optional.empty();
        if (resumed.isPresent() && resumed.get().checkpoint().isPresent()) {
            try {
                ReportCheckpoint c = ReportCheckpoint.fromJson(resumed.get().checkpoint().get(),
                        "the checkpoint in the offsets of " + plan.connection());
                if (!c.report().equals(report.id()) || !c.digest().equals(plan.configDigest())) {
                    throw new ResumeException("the checkpoint in the offsets of " + plan.connection()
                            + " is for another report or configuration");
                }
                from = Optional.of(c);
            } catch (ResumeException e) {
                LOG.warn("{}: {}; running the report afresh", plan.connection(), e.getMessage());
            }
        }
        // a run without a checkpoint (stopped before its first page was committed) starts afresh, same id
        String runId = resumed.map(Offsets::runId).orElseGet(() -> UUID.randomUUID().toString());
        Offsets before = from.isPresent() ? resumed.get() : Offsets.running(runId, 0, Optional.empty());
        RequestCounter requests = session.context().requests();
        long requests0 = requests.requests();
        long start = System.nanoTime();
        ReportRunner runner = new ReportRunner(session.plugin().id(), session.connector().reports().orElseThrow(),
                Retrier.none(), () -> stopping);
        LOG.info("{}: {} report {} ({})", plan.connection(), from.isPresent() ? "resuming" : "running", report.id(),
                runId);
        String pluginId = session.plugin().id();
        ReportRecords out = new ReportRecords(settings, partition, runId, before, from, report,
                at -> new ReportCheckpoint(pluginId, report.id(), SyncRecords.CONFIG_SALT, plan.configDigest(), 0, "",
                        at.rows(), at.rows(), at.pages(), at.nextToken(), Optional.empty(), Optional.empty()),
                this::put);
        try {
            runner.run(report, plan.parameters(), Optional.empty(), from.map(ReportCheckpoint::nextToken),
                    from.map(ReportCheckpoint::rowsRead).orElse(0L), out);
        } catch (ConnectorException e) {
            // a retry resumes after the last page read
            last = Offsets.fromMap(out.offset());
            throw e;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("plugin", pluginId);
        summary.put("report", report.id());
        summary.put("parameters", plan.parameters());
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("durationMillis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        run.put("requests", requests.requests() - requests0);
        summary.put("run", run);
        Offsets done = out.finish(summary, System.currentTimeMillis());
        LOG.info("{}: report {} complete, {} rows", plan.connection(), report.id(), out.rows());
        return done;
    }
}
