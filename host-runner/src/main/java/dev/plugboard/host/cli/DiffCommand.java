package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.store.DiffRow;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreDiff;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import dev.plugboard.host.store.SyncStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard diff}: what changed between two syncs, raw and as effective access. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what changed between two completed syncs of a connection (by default the last two).",
            "Resources, entitlements and grants added, removed or changed (with the fields), then effective access",
            "gained and lost per principal, with its path and the grant change that caused it."})
final class DiffCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--from", paramLabel = "SYNC|DATE", description = "The earlier sync: an id, or the last one"
            + " completed by a date (2026-12-01) or time (default: the one before --to).")
    private String fromText;

    @Option(names = "--to", paramLabel = "SYNC|DATE", description = "The later sync (default: the last completed).")
    private String toText;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private ListingFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    private Path out;

    @Option(names = "--exit-code", description = "Exit 1 when anything changed, 0 when nothing did (for alerting).")
    private boolean exitCode;

    @Override
    public Integer call() {
        try (Store opened = store.open()) {
            StoredConnection connection = opened.connection(store.connection());
            StoredSync to = toText == null ? SyncSelector.latest(opened, connection)
                    : SyncSelector.select(opened, connection, "--to", toText);
            StoredSync from = fromText == null ? previous(opened, connection, to)
                    : SyncSelector.select(opened, connection, "--from", fromText);
            if (from.id() >= to.id()) {
                throw new HostException(ExitCode.USAGE, "--from " + from.label() + " is not before --to " + to.label()
                        + "; the earlier sync goes in --from");
            }
            List<DiffRow> rows = new StoreDiff(opened, from, to).rows();
            write(connection, from, to, rows);
            if (out != null) {
                spec.commandLine().getErr().println("wrote " + Plurals.of(rows.size(), "change") + " to " + out);
            }
            return exitCode && !rows.isEmpty() ? 1 : ExitCode.OK.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        } catch (IOException e) {
            throw new HostException(ExitCode.USAGE, "cannot write " + (out == null ? "the diff" : out) + ": "
                    + e.getMessage(), e);
        }
    }

    private static StoredSync previous(Store store, StoredConnection connection, StoredSync to) {
        List<StoredSync> earlier = store.syncs(Optional.of(connection)).stream()
                .filter(s -> s.status() == SyncStatus.COMPLETED && s.id() < to.id()).toList();
        if (earlier.isEmpty()) {
            throw new HostException(ExitCode.USAGE, "connection '" + connection.name() + "' has only one completed sync ("
                    + to.label() + "): nothing to compare it with yet; sync again later");
        }
        return earlier.get(earlier.size() - 1);
    }

    private void write(StoredConnection connection, StoredSync from, StoredSync to, List<DiffRow> rows)
            throws IOException {
        try (OutputTarget target = out == null ? OutputTarget.stdout(spec.commandLine().getOut())
                : OutputTarget.file(out)) {
            if (format.table().isEmpty()) {
                DiffText.write(target.writer(), connection, from, to, rows);
            } else {
                try (TableWriter writer = TableWriter.open(format.table().get(), target.writer(),
                        DiffRow.COLUMNS, Set.of(), TableWriter.CsvCells.GUARDED)) {
                    for (DiffRow row : rows) {
                        writer.row(row.values());
                    }
                }
            }
            target.commit();
        }
    }

    /** The text form: a heading, then each change on a line with its path. */
    static final class DiffText {
        private DiffText() {
        }

        static void write(Writer writer, StoredConnection connection, StoredSync from, StoredSync to,
                          List<DiffRow> rows) throws IOException {
            PrintWriter out = new PrintWriter(writer);
            out.println("connection " + connection.name() + ": " + from.label() + " -> " + to.label());
            if (rows.isEmpty()) {
                out.println("no changes");
            }
            for (String kind : List.of("resourceType", "resource", "entitlement", "grant", "access")) {
                List<DiffRow> of = rows.stream().filter(r -> r.kind().equals(kind)).toList();
                if (of.isEmpty()) {
                    continue;
                }
                out.println(heading(kind, of));
                for (DiffRow r : of) {
                    out.println("  " + line(r));
                }
            }
            out.flush();
        }

        private static String heading(String kind, List<DiffRow> rows) {
            if (kind.equals("access")) {
                long principals = rows.stream().map(DiffRow::principal).distinct().count();
                return "effective access: " + count(rows, "gained") + " gained, " + count(rows, "lost") + " lost ("
                        + principals + (principals == 1 ? " principal)" : " principals)");
            }
            String title = switch (kind) {
                case "resourceType" -> "resource types";
                case "resource" -> "resources";
                case "entitlement" -> "entitlements";
                default -> "grants";
            };
            return title + ": " + count(rows, "added") + " added, " + count(rows, "removed") + " removed, "
                    + count(rows, "changed") + " changed";
        }

        private static long count(List<DiffRow> rows, String change) {
            return rows.stream().filter(r -> r.change().equals(change)).count();
        }

        private static String line(DiffRow r) {
            String name = r.name().isEmpty() ? "" : " (" + r.name() + ")";
            return switch (r.change()) {
                case "gained", "lost" -> r.principal() + name + " " + r.change() + " " + r.entitlement()
                        + (r.path().equals("direct") ? " directly" : " through " + r.path())
                        + (r.detail().isEmpty() ? "" : ": " + r.detail());
                case "changed" -> "~ " + r.id() + name + ": " + r.detail();
                default -> (r.change().equals("added") ? "+ " : "- ") + r.id() + name
                        + (r.kind().equals("grant") ? ": " + r.entitlement() + " to " + r.principal() : "");
            };
        }
    }
}
