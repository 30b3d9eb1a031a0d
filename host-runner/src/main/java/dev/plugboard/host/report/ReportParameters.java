package dev.plugboard.host.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.ReportDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A report's parameters: built from {@code --param k=v} arguments (each value parsed per the type its property has
 * in the report's parameter schema: integer, number, boolean, array of comma-separated items, else string) on top of
 * an optional parameters document ({@code --params FILE}), then validated against the schema before any call.
 */
public final class ReportParameters {

    private ReportParameters() {
    }

    /**
     * @param report     the report
     * @param document   parameters from a file, or empty
     * @param assignments {@code --param NAME=VALUE} arguments by name (picocli has split them), applied over the
     *                    document in order
     * @return the parameters as JSON-shaped JDK values, valid against the report's schema
     * @throws ParameterException naming the malformed argument, or listing every schema error with its pointer
     */
    public static Map<String, Object> resolve(ReportDefinition report, Optional<JsonNode> document,
                                              Map<String, String> assignments) throws ParameterException {
        JsonNode schema = schemaOf(report);
        ObjectNode params;
        if (document.isPresent()) {
            if (!document.get().isObject()) {
                throw new ParameterException("the parameters file must hold one object (key: value pairs)", List.of());
            }
            params = document.get().deepCopy();
        } else {
            params = JsonNodeFactory.instance.objectNode();
        }
        for (Map.Entry<String, String> assignment : assignments.entrySet()) {
            String name = assignment.getKey();
            String value = assignment.getValue();
            params.set(name, parse(name, value, schema.path("properties").path(name)));
        }
        List<SchemaError> errors;
        try {
            errors = SchemaValidator.compile(report.parametersSchema(), "report " + report.id()
                    + "'s parameter schema").validate(params);
        } catch (SchemaValidator.InvalidSchemaException e) {
            throw new IllegalStateException(e.getMessage() + " (a bug in the plugin)", e);
        }
        if (!errors.isEmpty()) {
            throw ParameterException.invalid(report.id(), errors);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> values = Json.convert(params, LinkedHashMap.class);
        return values;
    }

    private static JsonNode schemaOf(ReportDefinition report) {
        try {
            return Json.read(report.parametersSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report " + report.id() + "'s parameter schema is not JSON (a bug in the"
                    + " plugin): " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param property a property's schema
     * @return its type: the {@code type} keyword, or the first non-null of a type list, or {@code string}
     */
    static String typeOf(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        return "string";
    }

    private static JsonNode parse(String name, String value, JsonNode property) throws ParameterException {
        String type = typeOf(property);
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (type.equals("array")) {
            ArrayNode items = f.arrayNode();
            if (!value.isEmpty()) {
                for (String item : value.split(",", -1)) {
                    items.add(parse(name, item.trim(), property.path("items"), typeOf(property.path("items"))));
                }
            }
            return items;
        }
        return parse(name, value, property, type);
    }

    private static JsonNode parse(String name, String value, JsonNode property, String type) throws ParameterException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            return switch (type) {
                case "integer" -> {
                    java.math.BigInteger whole = new BigDecimal(value).toBigIntegerExact();
                    yield whole.bitLength() < 32 ? f.numberNode(whole.intValue())
                            : whole.bitLength() < 64 ? f.numberNode(whole.longValue()) : f.numberNode(whole);
                }
                case "number" -> f.numberNode(new BigDecimal(value));
                case "boolean" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new NumberFormatException();
                    }
                    yield f.booleanNode(Boolean.parseBoolean(value));
                }
                default -> f.textNode(value);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException("--param " + name + "=" + value + ": " + name + " must be "
                    + (type.equals("integer") ? "a whole number" : type.equals("number") ? "a number" : "true or false")
                    + describe(property), List.of());
        }
    }

    private static String describe(JsonNode property) {
        String d = property.path("description").asText("");
        return d.isEmpty() ? "" : " (" + d + ")";
    }

    /**
     * Describes a report's parameters for people, one per line: {@code name (type, required): description}.
     *
     * @param report the report
     * @return the lines, in the schema's order
     */
    public static List<String> describe(ReportDefinition report) {
        JsonNode schema = schemaOf(report);
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        List<String> lines = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode p = e.getValue();
            String type = typeOf(p);
            if (type.equals("array")) {
                type = "list of " + typeOf(p.path("items")) + ", comma-separated";
            }
            StringBuilder line = new StringBuilder(e.getKey()).append(" (").append(type);
            if (required.contains(e.getKey())) {
                line.append(", required");
            }
            if (p.has("default")) {
                line.append(", default ").append(p.get("default"));
            }
            if (p.has("enum")) {
                // distinct as typed: a boolean that also takes its text form lists true|false once, and not at all
                java.util.Set<String> values = new java.util.LinkedHashSet<>();
                p.get("enum").forEach(v -> values.add(v.asText()));
                if (!values.equals(java.util.Set.of("true", "false"))) {
                    line.append(", one of ").append(String.join("|", values));
                }
            }
            line.append(")");
            String d = p.path("description").asText("");
            if (!d.isEmpty()) {
                line.append(": ").append(d);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
