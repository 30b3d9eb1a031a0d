package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.config.ConfigException;
import dev.plugboard.host.config.ConfigLoader;
import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.report.IncrementalMerge;
import dev.plugboard.host.report.IncrementalState;
import dev.plugboard.host.report.ParameterException;
import dev.plugboard.host.report.ReportCheckpoint;
import dev.plugboard.host.report.ReportJob;
import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.host.report.ReportProgressDisplay;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.host.runtime.RequestCounter;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.store.ReportStore;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Incremental;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plugboard report}: run one report and stream its rows as CSV or JSON Lines. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run a report and write its rows as CSV (default) or JSON Lines.",
            "Parameters are checked against the report's schema before any call ('plugboard reports' lists them).",
            "With --out the file appears only when the report completes; an interrupted or failed run keeps",
            "OUT.partial and OUT.checkpoint.json, and the same command with --resume continues it.",
            "--incremental reads only what is new since the last completed run (the cursor is kept in the store);",
            "--into store merges the rows into a typed table of the store, which SQL can query."})
final class ReportCommand extends ConnectorCommand {
    @Parameters(index = "1", paramLabel = "REPORT", description = "The report id, as 'plugboard reports' lists it.")
    private String report;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", mapFallbackValue = Assignments.NO_VALUE,
            description = "A parameter; lists are comma-separated. Repeatable; applied over --params.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--params", paramLabel = "FILE", description = "Parameters as a JSON or YAML object.")
    private Path paramsFile;

    @Mixin
    private TableOutputOptions output;

    @Option(names = "--resume", description = "Continue the interrupted run to --out from its checkpoint, without"
            + " reading the pages it had read again.")
    private boolean resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress, retry or summary lines on stderr.")
    private boolean quiet;

    @Mixin
    private ReportStoreOptions stored;

    @Mixin
    private StoreOptions store;

    /** How often a terminal's progress line is redrawn. */
    private static final Duration REDRAW_EVERY = Duration.ofMillis(500);

    @Option(names = "--progress-every", hidden = true, defaultValue = "PT5S", paramLabel = "DURATION")
    private Duration progressEvery;

    private TableWriter.Format tableFormat;

    @Override
    protected boolean namesItsTargets() {
        return true;
    }

    @Override
    protected String operation() {
        return "report " + report;
    }

    private Optional<Path> file = Optional.empty();

    @Override
    protected void checkOptions() {
        tableFormat = output.format();
        file = output.out(options().config().orElse(null), paramsFile);
        stored.check();
        if (store.connection().isPresent() && !stored.usesStore()) {
            throw new HostException(ExitCode.USAGE, "--connection names the store's connection of an --incremental"
                    + " or --into store run: add one of them, or drop --connection");
        }
        if (resume && file.isEmpty()) {
            throw new HostException(ExitCode.USAGE, "--resume needs --out FILE: only a report written to a file can"
                    + " be resumed");
        }
    }

    @Override
    protected int run(ConnectorSession session) {
        PrintWriter err = err();
        HostContext context = session.context();
        RequestCounter requests = context.requests();
        // Connectors own retries (ErrorKind): a failure that reaches the host is final for this run.
        ReportRunner runner = new ReportRunner(session.plugin().id(), session.reports(), Retrier.none(),
                () -> context.cancellation().isCancelled());
        ReportDefinition definition;
        try {
            definition = runner.definition(report);
        } catch (IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        }
        Map<String, Object> parameters = parameters(definition);
        if (!stored.usesStore()) {
            ReportJob job = new ReportJob(runner, session.plugin().id(), definition, parameters,
                    session.config().identityValues(), tableFormat, output.cells(), Optional.empty(), Optional.empty());
            return run(session, job, file, err, requests, Optional.empty(), outcome -> { });
        }
        Incremental declared = definition.incremental().orElseThrow(() -> new HostException(ExitCode.USAGE, "report "
                + report + " is a full refresh report: it declares no cursor and no primary key ('plugboard reports'"
                + " says which reports are incremental), so it can be run "
                + (stored.incremental() ? "only in full: drop --incremental" : "but not merged into a table: drop"
                + " --into store and write it with --out FILE")));
        try (Store opened = store.open()) {
            StoredConnection connection = opened.connect(session.plugin().id(), session.config().identityValues(),
                    store.connection());
            return stored(session, runner, definition, declared, parameters, opened, connection, err, requests);
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    /** An {@code --incremental} and/or {@code --into store} run, with the store open. */
    private int stored(ConnectorSession session, ReportRunner runner, ReportDefinition definition,
                       Incremental declared, Map<String, Object> parameters, Store opened,
                       StoredConnection connection, PrintWriter err, RequestCounter requests) {
        ReportStore reports = opened.reports();
        String of = "report " + report + " of connection " + connection.name();
        Optional<ReportJob.IncrementalPlan> plan = Optional.empty();
        ReportStore.Target target = stored.intoStore() ? ReportStore.Target.TABLE : ReportStore.Target.OUTPUT;
        String read = "";
        if (stored.incremental()) {
            IncrementalState previous;
            Optional<ReportStore.SavedCursor> saved = reports.cursor(connection, report, parameters, target);
            try {
                previous = saved.map(c -> IncrementalState.fromJson(c.state())).orElse(IncrementalState.initial());
            } catch (IllegalArgumentException e) {
                throw new HostException(ExitCode.STORE, "the stored cursor of " + of + " cannot be read ("
                        + e.getMessage() + ")", e);
            }
            Duration lookback = stored.lookback();
            Optional<Duration> before = saved.flatMap(c -> savedLookback(c.state()));
            boolean toOutput = file.isPresent() || !stored.intoStore();
            if (before.filter(b -> b.compareTo(lookback) < 0).isPresent() && toOutput) {
                err.println("warning: --lookback " + ReportStoreOptions.describe(lookback) + " is longer than the "
                        + ReportStoreOptions.describe(before.get()) + " the last run of " + of + " used: the rows"
                        + " between the two that it delivered are written again (keep one --lookback per report)");
                err.flush();
            }
            Instant now = session.context().clock().instant();
            Optional<Instant> from = IncrementalMerge.lowerBound(previous, lookback, declared.retention(), now);
            if (previous.cursor().isPresent() && from.isPresent()
                    && from.get().isAfter(previous.cursor().get().minus(lookback))) {
                err.println("warning: the cursor of " + of + " is " + previous.cursor().get() + ", older than the "
                        + declared.retention().orElseThrow().toDays() + " days the source keeps: the rows between it"
                        + " and " + from.get() + " are gone; reading what is still there, from " + from.get());
                err.flush();
            }
            read = from.map(f -> " from " + f + " (cursor " + previous.cursor().orElseThrow() + " minus the "
                    + ReportStoreOptions.describe(lookback) + " lookback)").orElse(" (first run: the whole window)");
            plan = Optional.of(new ReportJob.IncrementalPlan(previous, lookback, from));
        }
        Optional<ReportStore.ReportTable> table = stored.intoStore()
                ? Optional.of(reports.table(connection, report, definition.columns(), declared.primaryKey()))
                : Optional.empty();
        ReportJob job = new ReportJob(runner, session.plugin().id(), definition, parameters,
                session.config().identityValues(), tableFormat, output.cells(), plan,
                table.map(t -> (dev.plugboard.host.report.ReportRows) t::merge));
        String from = read;
        return run(session, job, file, err, requests, table.map(ReportStore.ReportTable::name), outcome -> {
            if (outcome.state().isPresent()) {
                IncrementalState state = outcome.state().get();
                reports.saveCursor(connection, report, parameters, target, new ReportStore.CompletedRun(state.cursor(),
                        withLookback(state, stored.lookback()), outcome.rowsRead(), outcome.rowsWritten(),
                        session.context().clock().instant()));
            }
            if (!quiet) {
                err.println(of + ": read " + Plurals.of(outcome.rowsRead(), "row") + " ("
                        + Plurals.of(outcome.pages(), "page") + ")" + from
                        + (outcome.state().isPresent() ? ", " + outcome.rowsWritten() + " new or changed" : "")
                        + table.map(t -> "; merged into table " + t.name()).orElse("")
                        + outcome.state().map(st -> st.cursor().map(c -> "; cursor now " + c)
                        .orElse("; no cursor yet (no row read)")).orElse(""));
            }
        });
    }

    /** @return the state as saved: {@link IncrementalState#toJson()} and the lookback the run used */
    private static String withLookback(IncrementalState state, Duration lookback) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode)
                    dev.plugboard.host.json.Json.read(state.toJson());
            n.put("lookback", lookback.toString());
            return n.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the state's own JSON cannot be read", e);
        }
    }

    private static Optional<Duration> savedLookback(String state) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = dev.plugboard.host.json.Json.read(state).path("lookback");
            return n.isTextual() ? Optional.of(Duration.parse(n.asText())) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the job to the file, stdout, or (into a table only) nowhere else.
     *
     * @param table     the table the rows are merged into, if any: then nothing goes to stdout
     * @param completed what to do once the run completed, before the summary line
     */
    private int run(ConnectorSession session, ReportJob job, Optional<Path> out, PrintWriter err,
                    RequestCounter requests, Optional<String> table, Consumer<ReportJob.Outcome> completed) {
        HostContext context = session.context();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            context.cancel();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "plugboard-report-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        java.util.function.Supplier<ReportProgressDisplay.Snapshot> figures = () -> new ReportProgressDisplay.Snapshot(
                job.rowsRead(), job.rowsWritten(), job.pages(), requests.requests(),
                requests.retries(), session.config().masker().mask(requests.status()));
        dev.plugboard.host.output.Terminal terminal = dev.plugboard.host.output.Terminal.stderr();
        ReportProgressDisplay progress = quiet ? ReportProgressDisplay.none()
                : terminal.interactive() ? ReportProgressDisplay.redraw(err, report, terminal.columns(),
                        REDRAW_EVERY, figures)
                : ReportProgressDisplay.start(err, report, progressEvery, figures);
        try {
            ReportJob.Outcome outcome;
            if (out.isPresent()) {
                outcome = job.toFile(out.get(), resume);
            } else if (table.isPresent()) {
                outcome = job.toWriter(Optional.empty());
            } else {
                try (OutputTarget stdout = OutputTarget.stdout(out())) {
                    outcome = job.toWriter(Optional.of(stdout.writer()));
                    stdout.commit();
                }
            }
            progress.close();
            if (out.isPresent() && !quiet) {
                err.println("wrote " + Plurals.of(outcome.rowsWritten(), "row") + " of report " + report + " to " + out.get()
                        + (resume ? " (resumed; " + Plurals.of(outcome.pages(), "page") + " in all)" : ""));
            }
            completed.accept(outcome);
            return ExitCode.OK.code();
        } catch (ResumeException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        } catch (ConnectorException e) {
            HostException failure = e.kind() == ErrorKind.CANCELLED
                    ? new HostException(ExitCode.INTERRUPTED, "report " + report + " was interrupted after "
                    + Plurals.of(job.rowsRead(), "row") + " (" + Plurals.of(job.pages(), "page") + ")", e)
                    : session.failure(e, operation());
            throw kept(failure, out, job, table, e);
        } catch (StoreException e) {
            throw kept(StoreOptions.failure(e), out, job, table, e);
        } catch (IOException e) {
            throw kept(new HostException(ExitCode.OUTPUT, "cannot write " + out.map(Path::toString).orElse("the report")
                    + ": " + SyncCommand.describe(e), e), out, job, table, e);
        } finally {
            progress.close();
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook is running and waits for the checkpoint above
            }
        }
    }

    /** Says what was kept and how to go on, so no partial file is left without a word. */
    private HostException kept(HostException failure, Optional<Path> out, ReportJob job, Optional<String> table,
                               Exception cause) {
        String merged = "";
        if (table.isPresent() && job.pages() > 0) {
            merged = "\nThe rows read so far are merged into table " + table.get() + (stored.incremental()
                    ? "; the cursor did not move, so the next run reads them again (no row is stored twice)." : ".");
        } else if (stored.incremental()) {
            merged = "\nThe cursor did not move: the next --incremental run starts where the last completed one"
                    + " ended.";
        }
        failure = new HostException(failure.exitCode(), failure.getMessage() + merged, cause);
        if (out.isPresent() && Files.exists(ReportCheckpoint.besides(out.get()))) {
            return new HostException(failure.exitCode(), failure.getMessage() + "\nThe report so far ("
                    + Plurals.of(job.rowsWritten(), "row") + ", " + Plurals.of(job.pages(), "page") + ") is kept in "
                    + out.get()
                    + ".partial; run the same command with --resume to continue it"
                    + (failure.exitCode() == ExitCode.INTERRUPTED ? "" : " once the cause is fixed")
                    + " (a new token is fine; other changed settings must start afresh: run without --resume).",
                    cause);
        }
        if (out.isEmpty() && failure.exitCode() == ExitCode.INTERRUPTED) {
            return new HostException(failure.exitCode(), failure.getMessage() + "; to be able to resume a long"
                    + " report, write it to a file with --out", cause);
        }
        return failure;
    }

    private Map<String, Object> parameters(ReportDefinition definition) {
        Optional<JsonNode> document = Optional.empty();
        if (paramsFile != null) {
            try {
                document = Optional.of(new ConfigLoader().load(paramsFile));
            } catch (ConfigException e) {
                throw new HostException(ExitCode.INVALID_CONFIG, "--params: " + e.getMessage(), e);
            }
        }
        Assignments.check(params, written -> "--param " + written + ": write it as NAME=VALUE (e.g. --param limit=10)");
        try {
            return ReportParameters.resolve(definition, document, params);
        } catch (ParameterException e) {
            throw e.errors().isEmpty() ? new HostException(ExitCode.USAGE, e.getMessage(), e)
                    : new HostException(ExitCode.INVALID_CONFIG, e.getMessage() + "\nSee 'plugboard reports "
                    + options().plugin() + "' for the parameters each report takes.", e);
        }
    }
}
