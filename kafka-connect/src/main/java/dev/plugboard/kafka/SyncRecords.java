package dev.plugboard.kafka;

import dev.plugboard.host.sync.JsonLinesSyncWriter;
import dev.plugboard.host.sync.Checkpoint;
import dev.plugboard.host.sync.CheckpointFile;
import dev.plugboard.host.sync.Checkpointer;
import dev.plugboard.host.sync.RecordKind;
import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.host.sync.SyncState;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.LoggerFactory;

/**
 * The sync engine's sink and checkpointer on Kafka Connect. Each record becomes a Connect record: key
 * {@code <kind>/<id>} (a resource's id is {@code <type>/<id>}), value the same JSON line as the sync file, headers
 * {@code plugboard.sync.id} and {@code plugboard.record.kind}. The summary becomes the marker record that ends the
 * sync, with the counts; {@link #finish} writes it, after the {@link #tombstone tombstones} of the records the sync no
 * longer has (when a store tells which).
 *
 * <p>Offsets: a record carries the checkpoint taken right after it when there is one, else the last one before it.
 * The last record written is held back until the engine's next checkpoint (or the summary), so that checkpoint can
 * ride on it: once Connect commits that record's offset, a restarted task resumes exactly after it.
 */
final class SyncRecords implements SyncRecordSink, Checkpointer {
    static final String SYNC_ID_HEADER = "plugboard.sync.id";
    static final String KIND_HEADER = "plugboard.record.kind";

    private final Settings settings;
    private final Map<String, Object> partition;
    private final String syncId;
    private final String pluginId;
    private final List<String> types;
    private final String configDigest;
    private final RecordOutput output;
    private final LongSupplier clock;
    private final OptionalLong storeSync;
    private final OptionalLong storeBefore;
    private String summaryLine;
    private final LineBuffer lines = new LineBuffer();
    private final JsonLinesSyncWriter json;
    private Map<String, Object> offset;
    private Pending held;
    private long records;
    private int largestCheckpoint;
    private boolean warnedTooLarge;

    private record Pending(RecordKind kind, String key, String value) {
    }

    /**
     * @param settings     the topics
     * @param partition    the connection's source partition
     * @param syncId       the sync's id
     * @param pluginId     the plugin, for checkpoints
     * @param types        the types walked, for checkpoints
     * @param configDigest the configuration digest, for checkpoints
     * @param resumed      the offset resumed from, or empty for a new sync
     * @param previous     the offset before this sync (the last completed run), carried until the first checkpoint
     * @param output       where records go
     * @param clock        epoch milliseconds, for the completion time
     * @param storeSync    with a store: the sync's id in it
     * @param storeBefore  with a store: the store sync the topic held before this sync
     * @throws IOException never in practice (writing to memory)
     */
    SyncRecords(Settings settings, Map<String, Object> partition, String syncId, String pluginId, List<String> types,
                String configDigest, Optional<Offsets> resumed, Optional<Offsets> previous, RecordOutput output,
                LongSupplier clock, OptionalLong storeSync, OptionalLong storeBefore) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.partition = Map.copyOf(partition);
        this.syncId = Objects.requireNonNull(syncId, "syncId");
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.types = List.copyOf(types);
        this.configDigest = Objects.requireNonNull(configDigest, "configDigest");
        this.output = Objects.requireNonNull(output, "output");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.storeSync = Objects.requireNonNull(storeSync, "storeSync");
        this.storeBefore = Objects.requireNonNull(storeBefore, "storeBefore");
        this.json = new JsonLinesSyncWriter(lines);
        this.offset = resumed.or(() -> previous).orElseGet(() -> Offsets.running(syncId, 0, Optional.empty())
                .withStore(storeSync, storeBefore)).toMap();
        this.records = resumed.map(Offsets::records).orElse(0L);
    }

    /** The largest packed checkpoint kept as an offset: Kafka refuses messages over 1 MB by default. */
    static final int MAX_CHECKPOINT = 800_000;

    /** The configuration salt of checkpoints kept as offsets (the partition already names the configuration). */
    static final String CONFIG_SALT = "kafka-connect";

    @Override
    public void resourceType(ResourceType type) throws IOException {
        json.resourceType(type);
        emit(RecordKind.RESOURCE_TYPE, type.id());
    }

    @Override
    public void resource(Resource resource) throws IOException {
        json.resource(resource);
        emit(RecordKind.RESOURCE, resource.type() + "/" + resource.id());
    }

    @Override
    public void entitlement(Entitlement entitlement) throws IOException {
        json.entitlement(entitlement);
        emit(RecordKind.ENTITLEMENT, entitlement.id());
    }

    @Override
    public void grant(Grant grant) throws IOException {
        json.grant(grant);
        emit(RecordKind.GRANT, grant.id());
    }

    /** Keeps the summary line for the marker, which {@link #finish} writes. */
    @Override
    public void summary(SyncSummary summary) throws IOException {
        json.summary(summary);
        json.flush();
        summaryLine = lines.nextLine();
    }

    /**
     * A tombstone: the record's key with no value, so a compacted topic forgets it.
     *
     * @param kind the record's kind ({@code resource}, {@code grant}...)
     * @param key  its key ({@link #key})
     * @throws IOException when the task is stopping
     */
    void tombstone(RecordKind kind, String key) throws IOException {
        release(offset);
        records++;
        output.put(record(new Pending(kind, key, null), offset));
    }

    /**
     * Writes the marker that ends the sync, with the completed offset.
     *
     * @throws IOException when the task is stopping
     */
    void finish() throws IOException {
        if (summaryLine == null) {
            throw new IllegalStateException("the sync has no summary yet");
        }
        release(offset);
        records++;
        offset = Offsets.completed(syncId, records, clock.getAsLong()).withStore(storeSync, OptionalLong.empty())
                .toMap();
        output.put(record(new Pending(RecordKind.SUMMARY, "summary", summaryLine), offset));
    }

    /**
     * @param kind the record's kind
     * @param id   its id (a resource's is {@code <type>/<id>})
     * @return its key: {@code <kind>/<id>}
     */
    static String key(RecordKind kind, String id) {
        return kind.json() + "/" + id;
    }

    @Override
    public void flush() {
        // records leave on the next record or checkpoint: the last one waits to carry the next checkpoint
    }

    /** The engine's checkpoint: rides on the record held back, the last one it covers. */
    @Override
    public void save(SyncState state) throws IOException {
        String text = CheckpointFile.toJson(new Checkpoint(pluginId, types, CONFIG_SALT, configDigest, records, state));
        Map<String, Object> next = Offsets.running(syncId, records, Optional.of(text)).withStore(storeSync, storeBefore)
                .toMap();
        int size = ((String) next.get("checkpoint")).length();
        largestCheckpoint = Math.max(largestCheckpoint, size);
        if (size <= MAX_CHECKPOINT) {
            offset = next;
        } else if (!warnedTooLarge) {
            warnedTooLarge = true;
            LoggerFactory.getLogger(SyncRecords.class).warn("sync {}: a checkpoint of {} characters is too large for"
                    + " an offset; records carry the previous one until a smaller checkpoint", syncId, size);
        }
        release(offset);
    }

    /** @return the offset of the last checkpoint (or of the completed sync) */
    Map<String, Object> offset() {
        return offset;
    }

    /** @return the length of the largest packed checkpoint so far */
    int largestCheckpoint() {
        return largestCheckpoint;
    }

    /** @return records emitted so far (held back one included) */
    long records() {
        return records;
    }

    private void emit(RecordKind kind, String id) throws IOException {
        json.flush();
        String line = lines.nextLine();
        if (line == null) {
            throw new IllegalStateException("the JSON Lines writer wrote no line for a " + kind.json());
        }
        release(offset);
        records++;
        held = new Pending(kind, key(kind, id), line);
    }

    private void release(Map<String, Object> at) throws IOException {
        if (held != null) {
            Pending p = held;
            held = null;
            output.put(record(p, at));
        }
    }

    private SourceRecord record(Pending p, Map<String, Object> at) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SYNC_ID_HEADER, syncId);
        headers.addString(KIND_HEADER, p.kind().json());
        return new SourceRecord(partition, at, settings.topicFor(p.kind().json()), null,
                Schema.STRING_SCHEMA, p.key(), Schema.OPTIONAL_STRING_SCHEMA, p.value(), null, headers);
    }
}
