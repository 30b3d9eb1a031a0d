package dev.plugboard.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The suite's JSON helpers, on the host's one mapper ({@link dev.plugboard.host.json.Json}). Jackson stays inside
 * this module: no Jackson type is in the fixture API.
 */
final class Json {
    private Json() {
    }

    /**
     * @param json a JSON object text
     * @param what what it is, for the error message
     * @return the parsed object
     * @throws IllegalArgumentException when it is not a JSON object
     */
    static ObjectNode object(String json, String what) {
        JsonNode node;
        try {
            node = dev.plugboard.host.json.Json.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return object;
    }

    /** @return a new empty object */
    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** @return a new empty array */
    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static String text(Object value) {
        return dev.plugboard.host.json.Json.text(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> values(JsonNode object) {
        return dev.plugboard.host.json.Json.convert(object, Map.class);
    }

    /**
     * @param property a top-level property name
     * @return its JSON pointer
     */
    static String pointer(String property) {
        return dev.plugboard.host.json.Json.pointer("", property);
    }
}
