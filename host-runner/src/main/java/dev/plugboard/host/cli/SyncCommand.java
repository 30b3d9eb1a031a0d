package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputInUseException;
import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.Terminal;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.host.runtime.RequestCounter;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreSyncRun;
import dev.plugboard.host.store.SyncMetadata;
import dev.plugboard.host.sync.CheckpointFile;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.host.sync.SyncJob;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncProgressDisplay;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.spi.ConnectorException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plugboard sync}: every resource, entitlement and grant of a connector, as JSON Lines. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Sync resource types, resources, entitlements and grants into the store (docs/store.md).",
            "With --out, to JSON Lines too (docs/sync-format.md); --no-store skips the store (JSON Lines on stdout",
            "or --out). An interrupted or failed sync is kept (in the store, or as OUT.partial and",
            "OUT.checkpoint.json with --no-store), and the same command with --resume continues it."})
final class SyncCommand extends ConnectorCommand {
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    private Path out;

    @Option(names = "--resume", description = "Continue the interrupted sync to --out from its checkpoint.")
    private boolean resume;

    @Option(names = "--types", split = ",", paramLabel = "TYPE", description = "Only these resource types, e.g. user,team.")
    private List<String> types = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary on stderr.")
    private boolean quiet;

    @Mixin
    private StoreOptions store;

    @Option(names = "--no-store", description = "Do not write to the store: JSON Lines to stdout or --out only.")
    private boolean noStore;

    @Override
    protected String operation() {
        return "sync";
    }

    @Override
    protected void checkOptions() {
        out = OutputPaths.check(java.util.Optional.ofNullable(out), "--out", options().config().orElse(null))
                .orElse(null);
        if (resume && out == null && noStore) {
            throw new HostException(ExitCode.USAGE, "--resume needs the store or --out FILE: a sync to stdout cannot"
                    + " be resumed");
        }
        if (noStore && store.connection().isPresent()) {
            throw new HostException(ExitCode.USAGE, "--connection names a connection in the store; drop --no-store");
        }
    }

    @Override
    protected int run(ConnectorSession session) {
        try (Store opened = noStore ? null : store.open()) {
            return run(session, opened);
        }
    }

    private int run(ConnectorSession session, Store opened) {
        PrintWriter err = err();
        HostContext context = session.context();
        RequestCounter requests = context.requests();
        SyncStats stats = new SyncStats(requests::requests, requests::retries, requests::status);
        // Connectors own retries (ErrorKind): a failure that reaches the host is final for this run.
        Retrier retrier = Retrier.none();
        SyncOptions syncOptions = SyncOptions.of(session.limits().maxConcurrency()).withTypes(types)
                .withLookahead(SyncOptions.lookaheadFor(Runtime.getRuntime().maxMemory()))
                .withCancellation(context.cancellation());
        Terminal terminal = Terminal.stderr();
        SyncListener listener = quiet ? SyncListener.none()
                : terminal.interactive() ? SyncProgressDisplay.redraw(err, terminal.columns(), System::nanoTime)
                : SyncProgressDisplay.lines(err, Duration.ofSeconds(10), System::nanoTime);
        SyncJob job = new SyncJob(session.plugin().id(), session.config().identityValues(),
                session.resourceSync(), syncOptions, retrier, stats, listener, System::nanoTime);
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            context.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plugboard-sync-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        StoredSyncJob stored = opened == null ? null : new StoredSyncJob(opened, job, session.config().masker(),
                listener);
        try {
            SyncSummary summary;
            if (stored != null) {
                summary = stored.execute(session.plugin().id(), session.config().identityValues(),
                        store.connection(), new SyncMetadata(session.plugin().descriptor().version(),
                                session.plugin().descriptor().spiVersion().toString(), VersionProvider.hostVersion(),
                                job.identity().types()), Optional.ofNullable(out), resume);
                if (!quiet) {
                    StoreSyncRun run = stored.run().orElseThrow();
                    err.println(SyncProgressDisplay.describe(summary) + "; stored as sync " + run.syncId()
                            + " of connection '" + run.storedConnection().name() + "' in "
                            + opened.location().describe() + (out == null ? "" : "; wrote " + out));
                }
                return ExitCode.OK.code();
            }
            if (out == null) {
                OutputTarget stdout = OutputTarget.stdout(out());
                summary = job.toWriter(stdout.writer());
                stdout.commit();
            } else {
                summary = job.toFile(out, resume);
            }
            if (!quiet) {
                err.println(SyncProgressDisplay.describe(summary) + (out == null ? "" : "; wrote " + out));
            }
            return ExitCode.OK.code();
        } catch (ResumeException | IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        } catch (ConnectorException e) {
            HostException failure = session.failure(e, operation());
            if (stored != null && stored.run().isPresent()) {
                StoreSyncRun run = stored.run().get();
                throw new HostException(failure.exitCode(), failure.getMessage() + "\nThe sync so far is kept in"
                        + " the store as sync " + run.syncId() + " of connection '" + run.storedConnection().name()
                        + "'" + (out == null ? "" : " (and " + out + ".partial)") + "; once the cause is fixed,"
                        + " run the same command with --resume to continue it (a new token is fine; other changed"
                        + " settings start the sync afresh).", e);
            }
            if (out != null && CheckpointFile.besides(out).exists()) {
                throw new HostException(failure.exitCode(), failure.getMessage() + "\nThe sync so far is kept in "
                        + out + ".partial; once the cause is fixed, run the same command with --resume to continue"
                        + " it (a new token is fine; other changed settings start the sync afresh).", e);
            }
            throw failure;
        } catch (OutputInUseException e) {
            throw new HostException(ExitCode.OUTPUT, e.getMessage(), e);
        } catch (IOException e) {
            String kept = out != null && CheckpointFile.besides(out).exists()
                    ? "\nThe sync so far is kept in " + out + ".partial; once there is room (or the folder is"
                            + " writable), run the same command with --resume to continue it." : "";
            throw new HostException(ExitCode.OUTPUT, "cannot write the sync" + (out == null ? "" : " to " + out)
                    + ": " + describe(e) + kept, e);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook is running and waits for the checkpoint above
            }
        }
    }

    /** @return an I/O failure as a person reads it: {@code AccessDeniedException: /x} says little */
    static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (fs.getFile() == null ? "" : ": " + fs.getFile());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
