package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.config.ConfigException;
import dev.plugboard.host.config.ConfigLoader;
import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.report.ParameterException;
import dev.plugboard.host.report.ReportCheckpoint;
import dev.plugboard.host.report.ReportJob;
import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.host.report.ReportProgressDisplay;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.host.runtime.RequestCounter;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plugboard report}: run one report and stream its rows as CSV or JSON Lines. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run a report and write its rows as CSV (default) or JSON Lines.",
            "Parameters are checked against the report's schema before any call ('plugboard reports' lists them).",
            "With --out the file appears only when the report completes; an interrupted or failed run keeps",
            "OUT.partial and OUT.checkpoint.json, and the same command with --resume continues it."})
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
        Retrier retrier = Retrier.none();
        AtomicLong hostRetries = new AtomicLong();
        ReportRunner runner = new ReportRunner(session.plugin().id(), session.reports(), retrier,
                () -> context.cancellation().isCancelled());
        ReportDefinition definition;
        try {
            definition = runner.definition(report);
        } catch (IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        }
        Map<String, Object> parameters = parameters(definition);
        ReportJob job = new ReportJob(runner, session.plugin().id(), definition, parameters,
                session.config().identityValues(), tableFormat, output.cells(), Optional.empty(), Optional.empty());
        return run(session, job, file, err, requests, hostRetries);
    }

    private int run(ConnectorSession session, ReportJob job, Optional<Path> out, PrintWriter err,
                    RequestCounter requests, AtomicLong hostRetries) {
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
        ReportProgressDisplay progress = quiet ? ReportProgressDisplay.none()
                : ReportProgressDisplay.start(err, report, progressEvery, () -> new ReportProgressDisplay.Snapshot(
                job.rowsRead(), job.rowsWritten(), job.pages(), requests.requests(),
                requests.retries() + hostRetries.get(), session.config().masker().mask(requests.status())));
        try {
            ReportJob.Outcome outcome;
            if (out.isPresent()) {
                outcome = job.toFile(out.get(), resume);
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
            return ExitCode.OK.code();
        } catch (ResumeException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        } catch (ConnectorException e) {
            HostException failure = e.kind() == ErrorKind.CANCELLED
                    ? new HostException(ExitCode.INTERRUPTED, "report " + report + " was interrupted after "
                    + Plurals.of(job.rowsRead(), "row") + " (" + Plurals.of(job.pages(), "page") + ")", e)
                    : session.failure(e, operation());
            throw kept(failure, out, job, e);
        } catch (IOException e) {
            throw kept(new HostException(ExitCode.OUTPUT, "cannot write " + out.map(Path::toString).orElse("the report")
                    + ": " + SyncCommand.describe(e), e), out, job, e);
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
    private HostException kept(HostException failure, Optional<Path> out, ReportJob job, Exception cause) {
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
            throw new HostException(e.errors().isEmpty() ? ExitCode.USAGE : ExitCode.INVALID_CONFIG, e.getMessage(), e);
        }
    }
}
