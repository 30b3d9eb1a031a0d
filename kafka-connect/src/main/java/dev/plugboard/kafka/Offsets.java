package dev.plugboard.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The source offsets a Plugboard task commits, one source partition per connection ({@code {"connection":
 * "<plugin>/<digest>"}}, the digest of the plugin, the configuration without its secrets and the job). An offset is
 * either a run in progress, with the host's checkpoint (counts and page tokens) so a restarted or moved task resumes
 * without fetching completed pages again, or the last completed run, with its end time so the next run waits for
 * the interval.
 *
 * @param runId       the run's id (the {@code plugboard.sync.id} header of its records)
 * @param complete    whether the run completed
 * @param records     records the run has emitted up to this offset (its marker included when complete)
 * @param checkpoint  the host checkpoint's JSON text, while running (reports keep none)
 * @param completedAt when the run completed (epoch milliseconds), when complete
 * @param storeSync   with a store: the run's sync id in the store
 * @param storeBefore with a store, while running: the store sync the topic held before this run (tombstones go to
 *                    the records of that sync the run no longer has)
 */
record Offsets(String runId, boolean complete, long records, Optional<String> checkpoint, long completedAt,
               OptionalLong storeSync, OptionalLong storeBefore) {
    static final String CONNECTION = "connection";
    private static final String RUN_ID = "syncId";
    private static final String STATUS = "status";
    private static final String RECORDS = "records";
    private static final String CHECKPOINT = "checkpoint";
    private static final String COMPLETED_AT = "completedAt";
    private static final String STORE_SYNC = "storeSyncId";
    private static final String STORE_BEFORE = "storePreviousSyncId";

    Offsets {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(storeSync, "storeSync");
        Objects.requireNonNull(storeBefore, "storeBefore");
    }

    /** @return the offset of a run in progress */
    static Offsets running(String runId, long records, Optional<String> checkpoint) {
        return new Offsets(runId, false, records, checkpoint, 0, OptionalLong.empty(), OptionalLong.empty());
    }

    /** @return the offset of a completed run */
    static Offsets completed(String runId, long records, long completedAt) {
        return new Offsets(runId, true, records, Optional.empty(), completedAt, OptionalLong.empty(),
                OptionalLong.empty());
    }

    /**
     * @param sync   the run's sync id in the store
     * @param before the store sync the topic held before the run (only kept while running)
     * @return this offset with them
     */
    Offsets withStore(OptionalLong sync, OptionalLong before) {
        return new Offsets(runId, complete, records, checkpoint, completedAt, sync,
                complete ? OptionalLong.empty() : before);
    }

    /** @return the source partition of a connection */
    static Map<String, Object> partition(String connection) {
        return Map.of(CONNECTION, connection);
    }

    /** @return the offset as Connect stores it (JSON-friendly values only) */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(RUN_ID, runId);
        map.put(STATUS, complete ? "complete" : "running");
        map.put(RECORDS, records);
        checkpoint.ifPresent(c -> map.put(CHECKPOINT, pack(c)));
        if (complete) {
            map.put(COMPLETED_AT, completedAt);
        }
        storeSync.ifPresent(id -> map.put(STORE_SYNC, id));
        storeBefore.ifPresent(id -> map.put(STORE_BEFORE, id));
        return map;
    }

    /**
     * @param stored an offset Connect read back, or null when there is none
     * @return the offset, or empty when there is none or it is not one of ours
     */
    static Optional<Offsets> fromMap(Map<String, Object> stored) {
        if (stored == null || !(stored.get(RUN_ID) instanceof String runId)
                || !(stored.get(RECORDS) instanceof Number records)) {
            return Optional.empty();
        }
        OptionalLong sync = stored.get(STORE_SYNC) instanceof Number n ? OptionalLong.of(n.longValue())
                : OptionalLong.empty();
        OptionalLong before = stored.get(STORE_BEFORE) instanceof Number n ? OptionalLong.of(n.longValue())
                : OptionalLong.empty();
        if ("complete".equals(stored.get(STATUS)) && stored.get(COMPLETED_AT) instanceof Number at) {
            return Optional.of(completed(runId, records.longValue(), at.longValue()).withStore(sync, before));
        }
        if ("running".equals(stored.get(STATUS))) {
            return Optional.of(running(runId, records.longValue(),
                    stored.get(CHECKPOINT) instanceof String c ? unpack(c) : Optional.empty()).withStore(sync, before));
        }
        return Optional.empty();
    }

    /**
     * @param json a checkpoint's JSON text
     * @return it gzipped, in Base64: a checkpoint holds the resources fetched but not yet written, and compresses
     *         about tenfold, which keeps offsets well below Kafka's message size limit
     */
    static String pack(String json) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("compressing in memory failed", e);
        }
        return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** @return the JSON text {@link #pack} packed, or empty when the text is not such a packing */
    static Optional<String> unpack(String packed) {
        try (java.util.zip.GZIPInputStream gz = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(packed)))) {
            return Optional.of(new String(gz.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** Never shows the checkpoint (it holds resource profiles). */
    @Override
    public String toString() {
        return "Offsets[run=" + runId + ", " + (complete ? "complete" : "running") + ", records=" + records
                + (storeSync.isPresent() ? ", store sync " + storeSync.getAsLong() : "") + "]";
    }
}
