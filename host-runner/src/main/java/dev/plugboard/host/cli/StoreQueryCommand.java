package dev.plugboard.host.cli;

import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plugboard store query}: one read-only SQL query on the store, for people without an SQL client. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run one read-only SQL query on the store and print its rows.",
            "SQLite is opened read-only and PostgreSQL runs it in a READ ONLY transaction: a statement that writes",
            "is refused. docs/store.md describes the tables and views."})
final class StoreQueryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, aligned columns).")
    private ListingFormat format;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. 'SELECT * FROM connections'.")
    private String sql;

    @Override
    public Integer call() {
        if (store.connection().isPresent()) {
            throw new HostException(ExitCode.USAGE, "store query takes no --connection: choose rows in the SQL"
                    + " (e.g. WHERE connection_id = (SELECT id FROM connections WHERE name = '...'))");
        }
        PrintWriter out = spec.commandLine().getOut();
        Sink sink = format.table().<Sink>map(t -> new TableSink(out, t)).orElseGet(TextSink::new);
        try {
            StoreQuery.run(store.location(), sql, sink);
            sink.finish(out);
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        } catch (UncheckedIOException e) {
            throw new HostException(ExitCode.OUTPUT, "cannot write the rows: " + e.getCause().getMessage(), e);
        }
        out.flush();
        return ExitCode.OK.code();
    }


    private interface Sink extends StoreQuery.Sink {
        void finish(PrintWriter out);
    }

    /** Aligned columns, as the other commands print tables; NULL is empty. */
    private static final class TextSink implements Sink {
        private final List<String[]> rows = new ArrayList<>();

        @Override
        public void columns(List<String> columns) {
            rows.add(columns.toArray(String[]::new));
        }

        @Override
        public void row(List<Object> values) {
            rows.add(values.stream().map(v -> v == null ? "" : v.toString()).toArray(String[]::new));
        }

        @Override
        public void finish(PrintWriter out) {
            if (!rows.isEmpty() && rows.get(0).length > 0) {
                PluginsCommand.printTable(out, rows);
            }
        }
    }

    /** CSV (cells a spreadsheet would run as formulas guarded) or JSON Lines, streamed. */
    private static final class TableSink implements Sink {
        private final PrintWriter out;
        private final TableWriter.Format format;
        private TableWriter writer;

        TableSink(PrintWriter out, TableWriter.Format format) {
            this.out = out;
            this.format = format;
        }

        @Override
        public void columns(List<String> columns) {
            try {
                writer = TableWriter.open(format, out, columns, Set.of(), TableWriter.CsvCells.GUARDED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void row(List<Object> values) {
            try {
                writer.row(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void finish(PrintWriter out) {
            try {
                if (writer != null) {
                    writer.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
