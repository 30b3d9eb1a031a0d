package dev.plugboard.kafka;

import dev.plugboard.host.json.Json;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A report run's rows as Connect records: value the same JSON object a line of {@code plugboard report --format
 * jsonl} holds (written by the host's own table writer), no key (a report declares no row identity), headers
 * {@code plugboard.sync.id} (the run's id) and {@code plugboard.record.kind} = {@code row}. A marker record of kind
 * {@code summary} ends the run with its row count. Rows carry the offset before the run, so a task restarted
 * mid-report runs the report again; the marker carries the completed offset.
 */
final class ReportRecords implements TableWriter {
    static final String ROW = "row";
    static final String SUMMARY = "summary";

    private final Settings settings;
    private final Map<String, Object> partition;
    private final String runId;
    private final Map<String, Object> before;
    private final RecordOutput output;
    private final LineBuffer lines = new LineBuffer();
    private final TableWriter json;
    private long rows;

    /**
     * @param settings  the topics
     * @param partition the connection's source partition
     * @param runId     the run's id
     * @param before    the offset before this run
     * @param report    the report
     * @param output    where records go
     * @throws IOException never in practice (writing to memory)
     */
    ReportRecords(Settings settings, Map<String, Object> partition, String runId, Offsets before,
                  ReportDefinition report, RecordOutput output) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partition = Map.copyOf(partition);
        this.runId = Objects.requireNonNull(runId, "runId");
        this.before = before.toMap();
        this.output = Objects.requireNonNull(output, "output");
        this.json = TableWriter.jsonLines(lines, report.columns().stream().map(Column::name).toList(),
                report.columns().stream().filter(c -> c.type() == ColumnType.JSON).map(Column::name)
                        .collect(Collectors.toSet()));
    }

    @Override
    public void row(List<?> values) throws IOException {
        json.row(values);
        drain();
    }

    /** Writes out buffered rows. */
    @Override
    public void close() throws IOException {
        json.close();
        drain();
    }

    /**
     * Ends the run with its marker record.
     *
     * @param summary     the marker's fields (report, parameters, rows, run figures)
     * @param completedAt epoch milliseconds
     * @return the completed offset
     * @throws IOException when the task is stopping
     */
    Offsets finish(Map<String, Object> summary, long completedAt) throws IOException {
        close();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("kind", SUMMARY);
        value.putAll(summary);
        value.put("rows", rows);
        Offsets done = Offsets.completed(runId, rows + 1, completedAt);
        output.put(record(SUMMARY, "summary", Json.text(value), done.toMap()));
        return done;
    }

    private void drain() throws IOException {
        for (String line = lines.nextLine(); line != null; line = lines.nextLine()) {
            rows++;
            output.put(record(ROW, null, line, before));
        }
    }

    private SourceRecord record(String kind, String key, String value, Map<String, Object> offset) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SyncRecords.SYNC_ID_HEADER, runId);
        headers.addString(SyncRecords.KIND_HEADER, kind);
        return new SourceRecord(partition, offset, settings.topicFor(kind), null, Schema.OPTIONAL_STRING_SCHEMA, key,
                Schema.STRING_SCHEMA, value, null, headers);
    }
}
