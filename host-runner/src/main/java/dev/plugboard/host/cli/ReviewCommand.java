package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.review.CampaignRows;
import dev.plugboard.host.review.ReviewCsv;
import dev.plugboard.host.review.ReviewFilter;
import dev.plugboard.host.store.ReviewStore;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredAccess;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard review}: access review campaigns that end in revocations, with their evidence in the store. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Access reviews that end in revocations, with their evidence in the store.",
            "Start a campaign from the store's effective access (a CSV to decide), record decisions, apply the"
                + " revokes through the plugin, and report the evidence."},
        subcommands = {ReviewCommand.Start.class, ReviewDecideCommand.class, ReviewApplyCommand.class,
            ReviewReportCommand.class, ReviewCommand.ListCampaigns.class})
final class ReviewCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing command: review start, decide,"
                + " apply, report or list (plugboard help review)");
    }

    /** @return who runs the command: {@code --by}, else the system user */
    static String who(String by) {
        return by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
    }

    /** {@code plugboard review start}. */
    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Open a review campaign from a connection's current effective access (its last completed"
                + " sync).", "It is written as CSV: one row per principal and entitlement with every path and the"
                + " last activity, and empty decision (keep or revoke), reviewer, comment and remove columns."})
    static final class Start implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private StoreOptions store;

        @Option(names = "--filter", paramLabel = "FIELD=VALUE", description = {"Review only matching access:"
            + " principal=user:42, principalType=user, entitlement=team:7:* (a trailing * matches any rest),"
            + " resourceType=project, resource=project:3. Repeat it: one field's values are alternatives, different"
            + " fields must all match."})
        private List<String> filters = new ArrayList<>();

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the CSV to FILE (atomically)"
                + " instead of stdout.")
        private Path out;

        @Option(names = "--by", paramLabel = "WHO", description = "Who starts it (default: the system user).")
        private String by;

        @Override
        public Integer call() {
            ReviewFilter filter;
            try {
                filter = ReviewFilter.parse(filters);
            } catch (IllegalArgumentException e) {
                throw new HostException(ExitCode.USAGE, e.getMessage());
            }
            Optional<Path> file = OutputPaths.check(Optional.ofNullable(out), "--out");
            try (Store opened = store.open()) {
                StoredConnection connection = opened.connection(store.connection());
                StoredSync sync = SyncSelector.latest(opened, connection);
                List<ReviewStore.Row> rows = CampaignRows.of(StoredAccess.at(opened, sync, r -> true), filter::test);
                if (rows.isEmpty()) {
                    throw new HostException(ExitCode.USAGE, "no access of connection '" + connection.name() + "' in "
                            + sync.label() + " matches the filter " + filter.describe() + ": nothing to review");
                }
                ReviewStore.Campaign campaign = opened.reviews().startCampaign(connection, sync.id(),
                        filter.describe(), who(by), Instant.now(), rows);
                try (OutputTarget target = TableOutputOptions.open(spec.commandLine().getOut(), file)) {
                    try (TableWriter writer = TableWriter.open(TableWriter.Format.CSV, target.writer(),
                            ReviewCsv.COLUMNS, Set.of(), TableWriter.CsvCells.GUARDED)) {
                        for (ReviewStore.Row row : opened.reviews().rows(campaign)) {
                            writer.row(ReviewCsv.cells(campaign.id(), row));
                        }
                    }
                    target.commit();
                } catch (IOException e) {
                    throw new HostException(ExitCode.OUTPUT, "cannot write " + file.map(Path::toString)
                            .orElse("the campaign") + ": " + SyncCommand.describe(e) + " (campaign " + campaign.id()
                            + " is in the store: plugboard review list)", e);
                }
                spec.commandLine().getErr().println("started review campaign " + campaign.id() + " of connection '"
                        + connection.name() + "' from " + sync.label() + ": " + Plurals.of(rows.size(), "row")
                        + " to decide" + file.map(f -> ", written to " + f).orElse(""));
                return ExitCode.OK.code();
            } catch (StoreException e) {
                throw StoreOptions.failure(e);
            }
        }
    }

    /** {@code plugboard review list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the review campaigns in the store, with their apply runs.")
    static final class ListCampaigns implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private StoreOptions store;

        @Override
        public Integer call() {
            try (Store opened = store.open()) {
                Optional<StoredConnection> only = store.connection().map(n -> opened.connection(Optional.of(n)));
                List<ReviewStore.Campaign> campaigns = opened.reviews().campaigns(only);
                var out = spec.commandLine().getOut();
                if (campaigns.isEmpty()) {
                    out.println("No review campaign in " + opened.location().describe() + " yet: start one with plugboard"
                            + " review start --connection NAME.");
                    return ExitCode.OK.code();
                }
                List<String[]> table = new ArrayList<>();
                table.add(new String[] {"CAMPAIGN", "CONNECTION", "SYNC", "STARTED", "BY", "ROWS", "RUNS", "LAST RUN",
                    "FILTER"});
                for (ReviewStore.Campaign c : campaigns) {
                    List<ReviewStore.Run> runs = opened.reviews().runs(c);
                    String last = runs.isEmpty() ? "-" : runs.get(runs.size() - 1).status()
                            + (runs.get(runs.size() - 1).dryRun() ? " (dry run)" : "");
                    table.add(new String[] {Long.toString(c.id()), c.connectionName(), Long.toString(c.syncId()),
                        c.startedAt().toString(), c.startedBy(), Long.toString(c.rowCount()),
                        Integer.toString(runs.size()), last, c.filter().isEmpty() ? "-" : c.filter()});
                }
                PluginsCommand.printTable(out, table);
                return ExitCode.OK.code();
            } catch (StoreException e) {
                throw StoreOptions.failure(e);
            }
        }
    }
}
