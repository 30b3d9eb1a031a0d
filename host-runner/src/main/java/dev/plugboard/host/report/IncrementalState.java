package dev.plugboard.host.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where an incremental report stands after its last completed run: the greatest cursor value it read, and the rows
 * at the edge (cursor within the lookback of it) by primary key with a digest of their values, so the next run,
 * which reads from the cursor minus the lookback again, knows which of those rows it has already delivered.
 *
 * @param cursor   the greatest cursor value read, empty when no run has read a row yet
 * @param boundary rows whose cursor is within the lookback of {@code cursor}: primary key (JSON text) to row
 */
public record IncrementalState(Optional<Instant> cursor, Map<String, EdgeRow> boundary) {

    /**
     * A row at the edge.
     *
     * @param digest a digest of all its values (a change of any value changes it)
     * @param cursor its cursor value
     */
    public record EdgeRow(String digest, Instant cursor) {
        /** Checks. */
        public EdgeRow {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /** Checks and copies (sorted, so the saved text is stable). */
    public IncrementalState {
        Objects.requireNonNull(cursor, "cursor");
        boundary = java.util.Collections.unmodifiableMap(new TreeMap<>(boundary));
    }

    /** @return the state before the first run */
    public static IncrementalState initial() {
        return new IncrementalState(Optional.empty(), Map.of());
    }

    /** @return the state as JSON text */
    public String toJson() {
        ObjectNode n = Json.object();
        cursor.ifPresent(c -> n.put("cursor", c.toString()));
        ObjectNode edge = n.putObject("boundary");
        boundary.forEach((k, v) -> edge.putArray(k).add(v.digest()).add(v.cursor().toString()));
        return n.toString();
    }

    /**
     * @param text what {@link #toJson()} wrote
     * @return the state
     * @throws IllegalArgumentException when the text is not such a state
     */
    public static IncrementalState fromJson(String text) {
        try {
            JsonNode n = Json.read(text);
            Optional<Instant> cursor = n.hasNonNull("cursor") ? Optional.of(Instant.parse(n.get("cursor").asText()))
                    : Optional.empty();
            Map<String, EdgeRow> edge = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = n.path("boundary").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                edge.put(e.getKey(), new EdgeRow(e.getValue().get(0).asText(),
                        Instant.parse(e.getValue().get(1).asText())));
            }
            return new IncrementalState(cursor, edge);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an incremental report state: " + e.getMessage(), e);
        }
    }
}
