package dev.plugboard.host.cli;

import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.access.AccessRow;
import dev.plugboard.host.access.EffectiveAccess;
import dev.plugboard.host.access.SyncFileException;
import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredAccess;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard access}: effective access from a sync file or the store, for user access reviews. */
@Command(name = "access", mixinStandardHelpOptions = true,
        description = {"List who holds what, from a sync file or the store, following expandable grants.",
            "Team members get the team's project access: one row per path by which a principal holds an"
                + " entitlement. From a sync file (--sync FILE), or from the store as a connection was at a date"
                + " (--at) or sync (--sync ID), by default its last sync."})
final class AccessCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--sync", paramLabel = "FILE|ID", description = {"A file written by 'plugboard sync --out', or -"
        + " to read the sync from standard input;", "with --connection or --at, a sync id in the store."})
    private String sync;

    @Option(names = "--at", paramLabel = "DATE", description = "From the store: access as of a date (2026-12-01, the"
            + " end of that day, UTC) or time: the last sync completed by then.")
    private String at;

    @picocli.CommandLine.Mixin
    private StoreOptions store;

    @picocli.CommandLine.Mixin
    private TableOutputOptions output;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "32",
            description = "Follow at most N expandable grants in one path (default: ${DEFAULT-VALUE}).")
    private int maxDepth;

    @Option(names = "--max-paths", paramLabel = "N", defaultValue = "100",
            description = "List at most N paths per principal and entitlement (default: ${DEFAULT-VALUE}).")
    private int maxPaths;

    @Override
    public Integer call() {
        TableWriter.Format tableFormat = output.format();
        if (maxDepth < 0 || maxDepth > 10_000 || maxPaths < 1 || maxPaths > 1_000_000) {
            throw new HostException(ExitCode.USAGE, "--max-depth must be 0 to 10000 and --max-paths 1 to 1000000");
        }
        boolean fromStore = at != null || store.connection().isPresent();
        if (!fromStore && sync == null) {
            throw new HostException(ExitCode.USAGE, "access needs --sync FILE, or --connection NAME (with --at DATE or"
                    + " --sync ID) to read the store");
        }
        if (at != null && sync != null) {
            throw new HostException(ExitCode.USAGE, "give --at DATE or --sync ID, not both");
        }
        Optional<Path> file = fromStore || sync.equals("-") ? output.out() : output.out(Path.of(sync));
        Path out = file.orElse(null);
        EffectiveAccess access = (fromStore ? fromStore() : fromFile(sync))
                .limits(new EffectiveAccess.Limits(maxDepth, maxPaths));
        try (OutputTarget target = TableOutputOptions.open(spec.commandLine().getOut(), file)) {
            long rows;
            try (TableWriter writer = TableWriter.open(tableFormat, target.writer(), AccessRow.COLUMNS, Set.of(),
                    output.cells())) {
                rows = access.write(writer);
            }
            target.commit();
            if (out != null) {
                spec.commandLine().getErr().println("wrote " + Plurals.of(rows, "access row") + " to " + out);
            }
            EffectiveAccess.Truncation cut = access.truncation();
            if (cut.any()) {
                spec.commandLine().getErr().println("warning: not every path is listed: " + cut.longerPaths()
                        + " path(s) go on beyond --max-depth " + maxDepth + " and " + cut.morePaths() + " more path(s)"
                        + " exceed --max-paths " + maxPaths + " for one principal and entitlement (principals "
                        + String.join(", ", cut.principals()) + (cut.principals().size() == 5 ? ", ..." : "")
                        + "); raise --max-depth or --max-paths to list them");
            }
            return ExitCode.OK.code();
        } catch (IOException e) {
            throw new HostException(ExitCode.OUTPUT, "cannot write " + (out == null ? "the access rows" : out) + ": "
                    + SyncCommand.describe(e), e);
        }
    }

    private static EffectiveAccess fromFile(String file) {
        try {
            return file.equals("-") ? EffectiveAccess.read(System.in, "standard input")
                    : EffectiveAccess.load(Path.of(file));
        } catch (SyncFileException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        } catch (IOException e) {
            throw new HostException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private EffectiveAccess fromStore() {
        try (Store opened = store.open()) {
            StoredConnection connection = opened.connection(store.connection());
            StoredSync chosen = at != null ? SyncSelector.select(opened, connection, "--at", at)
                    : sync != null ? SyncSelector.select(opened, connection, "--sync", sync)
                    : SyncSelector.latest(opened, connection);
            return StoredAccess.at(opened, chosen, r -> true);
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }
}
