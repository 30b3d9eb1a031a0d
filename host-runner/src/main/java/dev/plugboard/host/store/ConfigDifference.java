package dev.plugboard.host.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Says which settings differ between two masked configurations (their values hold no secret). */
final class ConfigDifference {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigDifference() {
    }

    static String describe(String before, String after) {
        try {
            JsonNode a = JSON.readTree(before);
            JsonNode b = JSON.readTree(after);
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            List<String> diffs = new ArrayList<>();
            for (String name : names) {
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null || y == null || !x.equals(y)) {
                    diffs.add(name + ": " + show(x) + " then, " + show(y) + " now");
                }
            }
            return diffs.isEmpty() ? "the same settings" : String.join("; ", diffs);
        } catch (IOException e) {
            return "settings differ";
        }
    }

    private static String show(JsonNode node) {
        if (node == null) {
            return "unset";
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

}
