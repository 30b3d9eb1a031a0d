package dev.plugboard.host.report;

import dev.plugboard.host.output.AtomicFileOutput;
import dev.plugboard.host.output.OutputFiles;
import dev.plugboard.host.output.OutputLock;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.host.sync.SyncIdentity;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * One run of a report: rows from the {@link ReportRunner} to a table writer (stdout or a file) and/or a
 * {@link ReportRows} table, incremental or not. A run to a file writes {@code OUT.partial} and saves a
 * {@link ReportCheckpoint} after every page; it renames the partial file to {@code OUT} and deletes the checkpoint
 * only when the report completes, and {@link #toFile} with {@code resume} continues an interrupted run from the
 * page after the last one saved, without reading the pages before it again.
 */
public final class ReportJob {
    private final ReportRunner runner;
    private final String pluginId;
    private final ReportDefinition report;
    private final Map<String, Object> parameters;
    private final Map<String, Object> identity;
    private final TableWriter.Format format;
    private final TableWriter.CsvCells cells;
    private final Optional<IncrementalPlan> incremental;
    private final Optional<ReportRows> table;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();

    /**
     * An incremental run's inputs.
     *
     * @param previous the state the last completed run saved ({@link IncrementalState#initial()} before the first)
     * @param lookback how far before the cursor to read again
     * @param from     the lower bound for this run, empty for the whole window
     */
    public record IncrementalPlan(IncrementalState previous, java.time.Duration lookback,
                                  Optional<java.time.Instant> from) {
        /** Checks. */
        public IncrementalPlan {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(lookback, "lookback");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * What a completed run did.
     *
     * @param rowsRead    rows the plugin answered
     * @param rowsWritten rows written (new or changed ones, for an incremental run)
     * @param pages       pages read
     * @param state       for an incremental run, the state to save now that it completed
     */
    public record Outcome(long rowsRead, long rowsWritten, long pages, Optional<IncrementalState> state) {
    }

    /**
     * @param runner      runs the plugin's report
     * @param pluginId    the plugin id
     * @param report      the report
     * @param parameters  validated parameters
     * @param identity    the configuration with secrets masked (only a salted digest of it is saved)
     * @param format      the output format
     * @param cells       how CSV cells are guarded
     * @param incremental an incremental run's inputs, when incremental
     * @param table       a table to merge the rows into as well, if any
     */
    public ReportJob(ReportRunner runner, String pluginId, ReportDefinition report, Map<String, Object> parameters,
                     Map<String, Object> identity, TableWriter.Format format, TableWriter.CsvCells cells,
                     Optional<IncrementalPlan> incremental, Optional<ReportRows> table) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.report = Objects.requireNonNull(report, "report");
        this.parameters = Map.copyOf(parameters);
        this.identity = Objects.requireNonNull(identity, "identity");
        this.format = Objects.requireNonNull(format, "format");
        this.cells = Objects.requireNonNull(cells, "cells");
        this.incremental = Objects.requireNonNull(incremental, "incremental");
        this.table = Objects.requireNonNull(table, "table");
        if (incremental.isPresent() && report.incremental().isEmpty()) {
            throw new IllegalArgumentException("report '" + report.id() + "' is not incremental");
        }
    }

    /** @return rows read so far (for progress lines; safe from any thread) */
    public long rowsRead() {
        return rowsRead.get();
    }

    /** @return rows written so far */
    public long rowsWritten() {
        return rowsWritten.get();
    }

    /** @return pages read so far */
    public long pages() {
        return pages.get();
    }

    /**
     * Runs to a writer (stdout), or only into the table when {@code out} is empty. Nothing to resume.
     *
     * @param out where rows go as CSV or JSON Lines, if anywhere
     * @return what the run did
     * @throws IOException when writing fails
     */
    public Outcome toWriter(Optional<Writer> out) throws IOException {
        IncrementalMerge merge = merge(Optional.empty());
        // the header waits for the first page: a report the plugin refuses (a parameter it rejects) writes nothing
        TableWriter[] writer = new TableWriter[1];
        try {
            runner.run(report, parameters, incremental.flatMap(IncrementalPlan::from), Optional.empty(), 0,
                    (rows, next) -> {
                        if (out.isPresent() && writer[0] == null) {
                            writer[0] = open(out.get());
                        }
                        take(rows, merge, Optional.ofNullable(writer[0]));
                    });
            if (out.isPresent() && writer[0] == null) {
                writer[0] = open(out.get()); // no page at all: the header alone
            }
        } finally {
            if (writer[0] != null) {
                writer[0].close();
            }
        }
        return outcome(merge);
    }

    /**
     * Runs to a file, with a checkpoint after every page.
     *
     * @param out    the output file
     * @param resume whether to continue the interrupted run whose checkpoint is beside {@code out}
     * @return what the run did (counting the pages of the interrupted run, when resumed)
     * @throws ResumeException when resuming is asked but there is no checkpoint of this run
     * @throws IOException     when writing fails; {@code OUT.partial} and the checkpoint are then kept if a page was
     *                         saved
     */
    public Outcome toFile(Path out, boolean resume) throws IOException, ResumeException {
        if (OutputFiles.of(out) == OutputFiles.SPECIAL) {
            if (resume) {
                throw new ResumeException(out + " is not a regular file (a device or a pipe): a report to it cannot"
                        + " be resumed; run without --resume");
            }
            try (Writer device = new OutputStreamWriter(Files.newOutputStream(out, StandardOpenOption.WRITE),
                    StandardCharsets.UTF_8)) {
                Outcome outcome = toWriter(Optional.of(device));
                device.flush();
                return outcome;
            }
        }
        try (OutputLock lock = OutputLock.acquire(out)) {
            return toLockedFile(out, resume);
        }
    }

    private Outcome toLockedFile(Path out, boolean resume) throws IOException, ResumeException {
        Path checkpointFile = ReportCheckpoint.besides(out);
        Optional<String> token = Optional.empty();
        Optional<java.time.Instant> from = incremental.flatMap(IncrementalPlan::from);
        Optional<IncrementalState> progress = Optional.empty();
        String salt;
        AtomicFileOutput file;
        if (resume) {
            ReportCheckpoint c = ReportCheckpoint.read(checkpointFile);
            verify(c, checkpointFile);
            salt = c.salt();
            token = Optional.of(c.nextToken());
            from = c.from();
            progress = c.incremental();
            rowsRead.set(c.rowsRead());
            rowsWritten.set(c.rowsWritten());
            pages.set(c.pages());
            try {
                file = AtomicFileOutput.resume(out, c.outputPosition(), c.outputDigest());
            } catch (IOException e) {
                throw new ResumeException(e.getMessage(), e);
            }
        } else {
            Files.deleteIfExists(checkpointFile);
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            salt = HexFormat.of().formatHex(random);
            file = AtomicFileOutput.create(out);
        }
        String digest = digest(salt);
        Optional<java.time.Instant> lower = from;
        IncrementalMerge merge = merge(progress);
        boolean committed = false;
        Writer text = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
        try {
            TableWriter writer = resume ? continuing(text) : open(text);
            runner.run(report, parameters, lower, token, rowsRead.get(), (rows, next) -> {
                take(rows, merge, Optional.of(writer));
                if (next.isPresent()) {
                    writer.flush();
                    text.flush();
                    long position = file.sync();
                    new ReportCheckpoint(pluginId, report.id(), salt, digest, position, file.contentDigest(),
                            rowsRead.get(), rowsWritten.get(), pages.get(), next.get(), lower,
                            incremental.map(i -> merge.progress())).write(checkpointFile);
                }
            });
            writer.close();
            text.flush();
            file.commit();
            committed = true;
            Files.deleteIfExists(checkpointFile);
            return outcome(merge);
        } finally {
            if (!committed) {
                file.abandon(Files.exists(checkpointFile));
            }
        }
    }

    private void take(List<List<Object>> rows, IncrementalMerge merge, Optional<TableWriter> writer)
            throws IOException {
        List<List<Object>> kept = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (merge == null || merge.accept(row)) {
                kept.add(row);
            }
        }
        if (table.isPresent() && !kept.isEmpty()) {
            table.get().merge(kept);
        }
        if (writer.isPresent()) {
            for (List<Object> row : kept) {
                writer.get().row(row);
            }
        }
        rowsRead.addAndGet(rows.size());
        rowsWritten.addAndGet(kept.size());
        pages.incrementAndGet();
    }

    private IncrementalMerge merge(Optional<IncrementalState> progress) {
        return incremental.map(i -> new IncrementalMerge(report.incremental().orElseThrow(), report.columns(),
                i.previous(), i.lookback(), progress)).orElse(null);
    }

    private Outcome outcome(IncrementalMerge merge) {
        return new Outcome(rowsRead.get(), rowsWritten.get(), pages.get(),
                merge == null ? Optional.empty() : Optional.of(merge.state()));
    }

    private TableWriter open(Writer out) throws IOException {
        return TableWriter.open(format, out, columnNames(), jsonColumns(), cells);
    }

    /** A writer for a resumed file: the header is already in it. */
    private TableWriter continuing(Writer out) throws IOException {
        return TableWriter.continuing(format, out, columnNames(), jsonColumns(), cells);
    }

    private List<String> columnNames() {
        return report.columns().stream().map(dev.plugboard.spi.Column::name).toList();
    }

    private Set<String> jsonColumns() {
        return report.columns().stream().filter(c -> c.type() == ColumnType.JSON)
                .map(dev.plugboard.spi.Column::name).collect(Collectors.toSet());
    }

    private String digest(String salt) {
        Map<String, Object> what = new LinkedHashMap<>();
        what.put("report", report.id());
        what.put("parameters", parameters);
        what.put("format", format.name());
        what.put("cells", cells.name());
        what.put("incremental", incremental.isPresent());
        what.put("table", table.isPresent());
        what.put("config", identity);
        return new SyncIdentity(pluginId, List.of("report"), what).configDigest(salt);
    }

    private void verify(ReportCheckpoint c, Path where) throws ResumeException {
        String startOver = "; run without --resume to start over";
        if (!c.pluginId().equals(pluginId) || !c.report().equals(report.id())) {
            throw new ResumeException("the checkpoint " + where.getFileName() + " is for report '" + c.report()
                    + "' of plugin '" + c.pluginId() + "', not report '" + report.id() + "' of plugin '" + pluginId
                    + "'" + startOver);
        }
        if (!c.digest().equals(digest(c.salt()))) {
            throw new ResumeException("the configuration, parameters or output options differ from the ones the"
                    + " checkpoint " + where.getFileName() + " was taken with; resume with the same ones" + startOver);
        }
    }
}
