package dev.plugboard.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plugboard.host.sync.Checkpoint;
import dev.plugboard.host.sync.CheckpointFile;
import dev.plugboard.host.sync.RecordKind;
import dev.plugboard.host.sync.SyncCounts;
import dev.plugboard.host.sync.SyncState;
import dev.plugboard.host.sync.SyncSummary;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Which offset each record carries: the checkpoint taken right after it, else the last one before it. */
class SyncRecordsTest {
    private final List<SourceRecord> out = new ArrayList<>();
    private final Settings settings = Settings.parse(Map.of("plugboard.plugin", "p", "plugboard.topic.prefix", "acme."));
    private final Map<String, Object> partition = Offsets.partition("p/0123456789abcdef");
    private final Offsets previous = Offsets.completed("old-sync", 9, 1_000);

    private SyncRecords sink() throws Exception {
        return new SyncRecords(settings, partition, "sync-1", "p", List.of("user"), "digest", Optional.empty(),
                Optional.of(previous), out::add, () -> 5_000L, OptionalLong.empty(), OptionalLong.empty());
    }

    @Test
    void theLastRecordBeforeACheckpointCarriesItAndEarlierOnesTheOffsetBefore() throws Exception {
        SyncRecords sink = sink();
        sink.resourceType(new ResourceType("user", "User", Set.of(Trait.USER), "A person."));
        sink.resource(Resource.of(new ResourceRef("user", "1"), "Ada", Map.of("email", "ada@example.com")));
        assertEquals(1, out.size(), "the last record waits for the next checkpoint");

        SyncState state = new SyncState(SyncCounts.empty(), List.of(), 10, 2, 2, 0, 0);
        sink.save(state);
        assertEquals(2, out.size());
        assertEquals(previous.toMap(), out.get(0).sourceOffset(), "before the first checkpoint: the previous run's");
        Map<String, ?> checkpoint = out.get(1).sourceOffset();
        assertEquals("running", checkpoint.get("status"));
        assertEquals("sync-1", checkpoint.get("syncId"));
        assertEquals(2L, checkpoint.get("records"));
        String json = Offsets.unpack((String) checkpoint.get("checkpoint")).orElseThrow();
        assertEquals(Optional.of(json), Offsets.fromMap(checkpoint.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (Object) e.getValue())))
                .flatMap(Offsets::checkpoint));
        Checkpoint saved = CheckpointFile.fromJson(json, "test");
        assertEquals(state, saved.state());
        assertEquals(2, saved.outputPosition());

        sink.grant(Grant.of("team:1:member", new ResourceRef("user", "1")));
        sink.summary(new SyncSummary("p", List.of("user"), SyncCounts.empty(), 10, 2, 2, 0, 0));
        assertEquals(2, out.size(), "the last record and the marker wait for finish(), after any tombstones");
        sink.finish();
        assertEquals(4, out.size());
        assertEquals(checkpoint, out.get(2).sourceOffset(), "after the checkpoint: the checkpoint's");
        assertEquals(Map.of("syncId", "sync-1", "status", "complete", "records", 4L, "completedAt", 5_000L),
                out.get(3).sourceOffset());
    }

    @Test
    void eachRecordIsItsSyncFileLineKeyedByKindAndIdWithItsHeadersAndTopic() throws Exception {
        SyncRecords sink = sink();
        sink.resource(Resource.of(new ResourceRef("user", "1"), "Ada", Map.of()));
        sink.grant(Grant.of("team:1:member", new ResourceRef("user", "1")));
        sink.summary(new SyncSummary("p", List.of("user"), SyncCounts.empty(), 10, 2, 2, 0, 0));
        sink.finish();

        SourceRecord resource = out.get(0);
        assertEquals("resource/user/1", resource.key());
        assertEquals("{\"kind\":\"resource\",\"type\":\"user\",\"id\":\"1\",\"parent\":null,\"displayName\":\"Ada\","
                + "\"profile\":{}}", resource.value());
        assertEquals("acme.resource", resource.topic());
        assertEquals("sync-1", resource.headers().lastWithName("plugboard.sync.id").value());
        assertEquals("resource", resource.headers().lastWithName("plugboard.record.kind").value());
        SourceRecord grant = out.get(1);
        assertEquals("grant/team:1:member:user:1", grant.key());
        assertEquals("acme.grant", grant.topic());
        SourceRecord marker = out.get(2);
        assertEquals("summary", marker.key());
        assertEquals("acme.summary", marker.topic());
        assertTrue(((String) marker.value()).startsWith("{\"kind\":\"summary\",\"format\":\"plugboard-sync/1\""),
                (String) marker.value());
        assertFalse(((String) marker.value()).contains("\n"));
    }

    @Test
    void withAStoreTombstonesFollowTheRecordsKeyedAsTheyWereAndOffsetsNameTheStoreSyncs() throws Exception {
        SyncRecords sink = new SyncRecords(settings, partition, "sync-2", "p", List.of("user"), "digest",
                Optional.empty(), Optional.of(previous), out::add, () -> 5_000L, OptionalLong.of(12),
                OptionalLong.of(7));
        sink.resource(Resource.of(new ResourceRef("user", "1"), "Ada", Map.of()));
        sink.save(new SyncState(SyncCounts.empty(), List.of(), 10, 1, 1, 0, 0));
        sink.summary(new SyncSummary("p", List.of("user"), SyncCounts.empty(), 10, 2, 2, 0, 0));
        sink.tombstone(RecordKind.GRANT, SyncRecords.key(RecordKind.GRANT, "team:1:member:user:2"));
        sink.finish();

        assertEquals(3, out.size());
        Map<String, ?> checkpoint = out.get(0).sourceOffset();
        assertEquals(12L, checkpoint.get("storeSyncId"));
        assertEquals(7L, checkpoint.get("storePreviousSyncId"));
        SourceRecord tombstone = out.get(1);
        assertEquals("grant/team:1:member:user:2", tombstone.key());
        assertEquals(null, tombstone.value(), "a tombstone has no value");
        assertEquals("acme.grant", tombstone.topic());
        assertEquals("sync-2", tombstone.headers().lastWithName("plugboard.sync.id").value());
        assertEquals("grant", tombstone.headers().lastWithName("plugboard.record.kind").value());
        assertEquals(checkpoint, tombstone.sourceOffset(), "a tombstone carries the last checkpoint");
        assertEquals(Map.of("syncId", "sync-2", "status", "complete", "records", 3L, "completedAt", 5_000L,
                "storeSyncId", 12L), out.get(2).sourceOffset());
    }

    @Test
    void aStoredResourceKeyBecomesTheConnectKey() {
        assertEquals("resource/user/100001", StoreRun.keyOf(new dev.plugboard.host.store.StoredRecord("resource",
                "user:100001", "h", 1, Optional.of(1L), "{}", Optional.empty(), Optional.empty(), false)));
        assertEquals("entitlement/team:3:member", StoreRun.keyOf(new dev.plugboard.host.store.StoredRecord(
                "entitlement", "team:3:member", "h", 1, Optional.of(1L), "{}", Optional.empty(), Optional.empty(),
                false)));
    }

    @Test
    void offsetsReadBackAsWrittenAndForeignOnesAreIgnored() {
        Offsets stored = Offsets.running("s", 3, Optional.of("{}")).withStore(OptionalLong.of(4), OptionalLong.of(2));
        assertEquals(Optional.of(stored), Offsets.fromMap(stored.toMap()));
        Offsets running = Offsets.running("s", 3, Optional.of("{}"));
        assertEquals(Optional.of(running), Offsets.fromMap(running.toMap()));
        assertEquals(Optional.of(previous), Offsets.fromMap(previous.toMap()));
        assertEquals(Optional.empty(), Offsets.fromMap(null));
        assertEquals(Optional.empty(), Offsets.fromMap(Map.of("position", 12)));
        assertEquals(Optional.empty(), Offsets.unpack("not base64 gzip"));
    }
}
