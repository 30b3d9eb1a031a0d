package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.store.ReviewStore;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard review report}: a campaign's evidence as CSV, one row per decision and revoke it led to: who
 * decided what, in which apply run (when, by whom, dry run or not), what was sent and what the remote system answered.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a campaign's evidence as CSV.", "One row per decision of each apply run and each revoke"
            + " it led to: who decided what, when, what was sent, what the remote system answered."})
final class ReviewReportCommand implements Callable<Integer> {
    /** The columns, in order. */
    static final List<String> COLUMNS = List.of("campaign", "connection", "campaignSync", "run", "runStartedAt",
            "runBy", "dryRun", "runSync", "runStatus", "fileRow", "principal", "entitlementId", "decision", "reviewer",
            "comment", "remove", "verdict", "action", "revokeEntitlement", "revokePrincipal", "alsoRemoves", "outcome",
            "message", "requests", "actionFinishedAt");

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "The campaign id (plugboard review list).")
    private long campaignId;

    @Mixin
    private StoreOptions store;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    private Path out;

    @Option(names = "--csv-raw", description = "Write CSV cells exactly as they are (by default a cell a spreadsheet"
            + " would run as a formula gets a leading ').")
    private boolean csvRaw;

    @Override
    public Integer call() {
        Optional<Path> file = OutputPaths.check(Optional.ofNullable(out), "--out");
        try (Store opened = store.open()) {
            ReviewStore reviews = opened.reviews();
            ReviewStore.Campaign campaign = reviews.campaign(campaignId);
            long rows = 0;
            try (OutputTarget target = TableOutputOptions.open(spec.commandLine().getOut(), file)) {
                try (TableWriter writer = TableWriter.open(TableWriter.Format.CSV, target.writer(), COLUMNS, Set.of(),
                        csvRaw ? TableWriter.CsvCells.RAW : TableWriter.CsvCells.GUARDED)) {
                    for (ReviewStore.Run run : reviews.runs(campaign)) {
                        List<ReviewStore.Action> actions = reviews.actions(run.id());
                        for (ReviewStore.Decision d : reviews.decisions(run.id())) {
                            List<ReviewStore.Action> mine = actions.stream().filter(a -> a.forRows()
                                    .contains(d.fileRow())).toList();
                            for (Optional<ReviewStore.Action> a : mine.isEmpty() ? List.of(Optional
                                    .<ReviewStore.Action>empty()) : mine.stream().map(Optional::of).toList()) {
                                writer.row(cells(campaign, run, d, a));
                                rows++;
                            }
                        }
                    }
                }
                target.commit();
            } catch (IOException e) {
                throw new HostException(ExitCode.OUTPUT, "cannot write " + file.map(Path::toString)
                        .orElse("the report") + ": " + SyncCommand.describe(e), e);
            }
            if (file.isPresent()) {
                spec.commandLine().getErr().println("wrote " + Plurals.of(rows, "row") + " of campaign " + campaign.id()
                        + "'s evidence to " + file.get());
            }
            return ExitCode.OK.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    private static List<String> cells(ReviewStore.Campaign c, ReviewStore.Run run, ReviewStore.Decision d,
                                      Optional<ReviewStore.Action> action) {
        List<String> cells = new ArrayList<>(List.of(Long.toString(c.id()), c.connectionName(),
                Long.toString(c.syncId()), Long.toString(run.id()), run.startedAt().toString(), run.by(),
                Boolean.toString(run.dryRun()), Long.toString(run.syncId()), run.status(),
                Integer.toString(d.fileRow()), d.principal(), d.entitlementId(), d.decision(), d.reviewer(), d.comment(),
                d.remove(), d.verdict()));
        if (action.isPresent()) {
            ReviewStore.Action a = action.get();
            cells.addAll(List.of(Integer.toString(a.seq()), a.entitlementId(), a.principal(),
                    String.join("; ", a.alsoRemoves()), a.outcome(), a.message(), String.join("; ", a.requests()),
                    a.finishedAt().map(Object::toString).orElse("")));
        } else {
            cells.addAll(List.of("", "", "", "", "", "", "", ""));
        }
        return cells;
    }
}
