package dev.plugboard.host.cli;

import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard store}: looking after the store itself. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Look after the store (retention) and query it.",
        subcommands = {StoreCommand.Prune.class, StoreQueryCommand.class})
final class StoreCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: try 'plugboard store prune"
                + " --keep 30'");
    }

    /** {@code plugboard store prune}: retention. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Delete old syncs, keeping every interval consistent with the syncs left.",
                "Versions seen only by deleted syncs go; older versions start at the oldest kept sync. The last",
                "completed sync of each connection is always kept; running syncs are never touched."})
    static final class Prune implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private StoreOptions store;

        @ArgGroup(multiplicity = "1")
        private Policy policy;

        static final class Policy {
            @Option(names = "--keep", paramLabel = "N", description = "Keep the newest N completed syncs of each"
                    + " connection.")
            Integer keep;

            @Option(names = "--before", paramLabel = "DATE", description = "Delete the syncs completed before this"
                    + " date (2026-01-01) or time.")
            String before;
        }

        @Override
        public Integer call() {
            if (policy.keep != null && policy.keep < 1) {
                throw new HostException(ExitCode.USAGE, "--keep must be at least 1 (the last completed sync is always"
                        + " kept)");
            }
            try (Store opened = store.open()) {
                Optional<StoredConnection> only = store.connection().map(n -> opened.connection(Optional.of(n)));
                Store.PruneResult result = opened.prune(only, policy.keep == null ? OptionalInt.empty()
                        : OptionalInt.of(policy.keep), Optional.ofNullable(policy.before)
                        .map(b -> SyncSelector.moment("--before", b).plusMillis(b.length() == 10 ? 1 : 0)
                                .minus(java.time.Duration.ofDays(b.length() == 10 ? 1 : 0))));
                spec.commandLine().getOut().println("pruned " + Plurals.of(result.syncs(), "sync") + " and "
                        + Plurals.of(result.versions(), "record version") + " from " + opened.location().describe());
                return ExitCode.OK.code();
            } catch (StoreException e) {
                throw StoreOptions.failure(e);
            }
        }
    }
}
