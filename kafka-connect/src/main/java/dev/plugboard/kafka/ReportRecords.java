package dev.plugboard.kafka;

import dev.plugboard.host.json.Json;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.report.ReportCheckpoint;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A report run's rows as Connect records: value the same JSON object a line of {@code plugboard report --format
 * jsonl} holds (written by the host's own table writer), no key (a report declares no row identity), headers
 * {@code plugboard.sync.id} (the run's id) and {@code plugboard.record.kind} = {@code row}. A marker record of kind
 * {@code summary} ends the run with its row count.
 *
 * <p>Offsets: the last row of each page carries the host's report checkpoint of the page after it (its page token
 * and counts), so once Connect commits that row a restarted task resumes at the next page without reading the
 * completed ones again; the other rows carry the offset before them. The marker carries the completed offset.
 */
final class ReportRecords implements ReportRunner.PageSink {
    static final String ROW = "row";
    static final String SUMMARY = "summary";

    private final Settings settings;
    private final Map<String, Object> partition;
    private final String runId;
    private final Function<ReportProgress, ReportCheckpoint> checkpoints;
    private final RecordOutput output;
    private final LineBuffer lines = new LineBuffer();
    private final TableWriter json;
    private Map<String, Object> offset;
    private long rows;
    private long pages;

    /**
     * Where a run stands after a page: what a checkpoint records.
     *
     * @param rows      rows read so far
     * @param pages     pages read so far
     * @param nextToken the next page's token
     */
    record ReportProgress(long rows, long pages, String nextToken) {
    }

    /**
     * @param settings    the topics
     * @param partition   the connection's source partition
     * @param runId       the run's id
     * @param before      the offset before this run's first row (the resumed one, or the last completed run's)
     * @param resumed     the checkpoint resumed from, if any (its counts continue)
     * @param report      the report
     * @param checkpoints makes the checkpoint of a position
     * @param output      where records go
     * @throws IOException never in practice (writing to memory)
     */
    ReportRecords(Settings settings, Map<String, Object> partition, String runId, Offsets before,
                  Optional<ReportCheckpoint> resumed, ReportDefinition report,
                  Function<ReportProgress, ReportCheckpoint> checkpoints, RecordOutput output) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partition = Map.copyOf(partition);
        this.runId = Objects.requireNonNull(runId, "runId");
        this.offset = before.toMap();
        this.rows = resumed.map(ReportCheckpoint::rowsRead).orElse(0L);
        this.pages = resumed.map(ReportCheckpoint::pages).orElse(0L);
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.output = Objects.requireNonNull(output, "output");
        this.json = TableWriter.jsonLines(lines, report.columns().stream().map(Column::name).toList(),
                report.columns().stream().filter(c -> c.type() == ColumnType.JSON).map(Column::name)
                        .collect(Collectors.toSet()));
    }

    @Override
    public void page(List<List<Object>> page, Optional<String> nextToken) throws IOException {
        List<String> values = new ArrayList<>(page.size());
        for (List<Object> row : page) {
            json.row(row);
            for (String line = lines.nextLine(); line != null; line = lines.nextLine()) {
                values.add(line);
            }
        }
        json.flush();
        for (String line = lines.nextLine(); line != null; line = lines.nextLine()) {
            values.add(line);
        }
        rows += values.size();
        pages++;
        Map<String, Object> after = offset;
        if (nextToken.isPresent()) {
            String checkpoint = checkpoints.apply(new ReportProgress(rows, pages, nextToken.get())).toJson();
            after = Offsets.running(runId, rows, Optional.of(checkpoint)).toMap();
        }
        for (int i = 0; i < values.size(); i++) {
            output.put(record(ROW, null, values.get(i), i == values.size() - 1 ? after : offset));
        }
        offset = after;
    }

    /** @return the offset after the last page read */
    Map<String, Object> offset() {
        return offset;
    }

    /** @return rows so far (a resumed run's included) */
    long rows() {
        return rows;
    }

    /**
     * Ends the run with its marker record.
     *
     * @param summary     the marker's fields (report, parameters, run figures)
     * @param completedAt epoch milliseconds
     * @return the completed offset
     * @throws IOException when the task is stopping
     */
    Offsets finish(Map<String, Object> summary, long completedAt) throws IOException {
        json.close();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("kind", SUMMARY);
        value.putAll(summary);
        value.put("rows", rows);
        value.put("pages", pages);
        Offsets done = Offsets.completed(runId, rows + 1, completedAt);
        output.put(record(SUMMARY, "summary", Json.text(value), done.toMap()));
        return done;
    }

    private SourceRecord record(String kind, String key, String value, Map<String, Object> at) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SyncRecords.SYNC_ID_HEADER, runId);
        headers.addString(SyncRecords.KIND_HEADER, kind);
        return new SourceRecord(partition, at, settings.topicFor(kind), null, Schema.OPTIONAL_STRING_SCHEMA, key,
                Schema.STRING_SCHEMA, value, null, headers);
    }
}
