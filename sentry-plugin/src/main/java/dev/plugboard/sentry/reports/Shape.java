package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How a Sentry answer becomes the JSON objects a report's rows are read from, one object per row. */
enum Shape {
    /** The answer is a list; each element is a row. */
    LIST,
    /**
     * The answer is a list of full events; each element of each event's {@code entries[]} is a row: an object with
     * the event's {@code eventID}, {@code groupID}, {@code projectID}, {@code dateCreated}, and the entry's
     * {@code entryIndex}, {@code type} and {@code data}.
     */
    ENTRIES,
    /**
     * The answer is stats_v2's {@code {intervals[], groups[{by, series}]}}; each (interval, group) is a row:
     * {@code timestamp}, {@code category}, {@code outcome}, {@code count}, ordered by time, category, outcome.
     */
    SERIES;

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FIELD = "sum(quantity)";

    /**
     * @param body    the answer
     * @param label   for SERIES: the outcome column's value when the answer is not grouped by outcome
     * @param what    what was asked, for messages
     * @return the row objects
     */
    List<JsonNode> rows(JsonNode body, String label, String what) {
        return switch (this) {
            case LIST -> list(body, what);
            case ENTRIES -> entries(list(body, what));
            case SERIES -> series(body, label, what);
        };
    }

    private static List<JsonNode> list(JsonNode body, String what) {
        if (!body.isArray()) {
            throw Problems.unexpected("Sentry answered " + what + " with a JSON " + body.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT) + " where a list was expected");
        }
        List<JsonNode> out = new ArrayList<>(body.size());
        body.forEach(out::add);
        return out;
    }

    private static List<JsonNode> entries(List<JsonNode> events) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode entries = e.path("entries");
            for (int i = 0; i < entries.size(); i++) {
                JsonNode entry = entries.get(i);
                ObjectNode row = JSON.createObjectNode();
                for (String f : List.of("eventID", "groupID", "projectID", "dateCreated")) {
                    row.set(f, e.path(f).isMissingNode() ? JSON.nullNode() : e.path(f));
                }
                row.put("entryIndex", i);
                row.set("type", entry.path("type").isMissingNode() ? JSON.nullNode() : entry.path("type"));
                row.set("data", entry.path("data").isMissingNode() ? JSON.nullNode() : entry.path("data"));
                out.add(row);
            }
        }
        return out;
    }

    private static List<JsonNode> series(JsonNode body, String label, String what) {
        JsonNode intervals = body.path("intervals");
        JsonNode groups = body.path("groups");
        if (!body.isObject() || !intervals.isArray() || !groups.isArray()) {
            throw Problems.unexpected("Sentry answered " + what + " without the intervals and groups of stats_v2");
        }
        List<JsonNode> sorted = new ArrayList<>();
        groups.forEach(sorted::add);
        sorted.sort(Comparator.comparing((JsonNode g) -> g.path("by").path("category").asText(""))
                .thenComparing(g -> g.path("by").path("outcome").asText("")));
        List<JsonNode> out = new ArrayList<>(intervals.size() * sorted.size());
        for (int i = 0; i < intervals.size(); i++) {
            for (JsonNode g : sorted) {
                ObjectNode row = JSON.createObjectNode();
                row.set("timestamp", intervals.get(i));
                JsonNode by = g.path("by");
                row.put("category", by.path("category").asText(""));
                row.put("outcome", by.path("outcome").isMissingNode() ? label : by.path("outcome").asText());
                JsonNode series = g.path("series").path(FIELD);
                row.set("count", series.isArray() && i < series.size() ? series.get(i) : JSON.nullNode());
                out.add(row);
            }
        }
        return out;
    }

    static ArrayNode emptyList() {
        return JSON.createArrayNode();
    }
}
