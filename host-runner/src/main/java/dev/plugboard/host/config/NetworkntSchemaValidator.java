package dev.plugboard.host.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.plugboard.host.json.Json;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link SchemaValidator} on networknt json-schema-validator 1.5, with messages rewritten for people. */
final class NetworkntSchemaValidator implements SchemaValidator {
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .locale(Locale.ENGLISH)
            .build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema schema;

    private NetworkntSchemaValidator(JsonSchema schema) {
        this.schema = schema;
    }

    static SchemaValidator compile(String schemaJson, String what) throws InvalidSchemaException {
        JsonNode node;
        try {
            node = Json.read(schemaJson);
        } catch (JsonProcessingException e) {
            throw new InvalidSchemaException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidSchemaException(what + " must be a JSON object", null);
        }
        List<SchemaError> metaErrors = metaSchemaErrors(node);
        if (!metaErrors.isEmpty()) {
            throw new InvalidSchemaException(what + " is not a valid JSON Schema 2020-12: "
                    + metaErrors.stream().map(SchemaError::toString).collect(Collectors.joining("; ")), null);
        }
        try {
            return new NetworkntSchemaValidator(FACTORY.getSchema(node, CONFIG));
        } catch (JsonSchemaException e) {
            throw new InvalidSchemaException(what + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * @param schema a schema document
     * @return how it breaks the JSON Schema 2020-12 meta-schema; empty when it is a valid schema
     */
    static List<SchemaError> metaSchemaErrors(JsonNode schema) {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);
        return toErrors(meta.validate(schema));
    }

    @Override
    public List<SchemaError> validate(JsonNode instance) {
        return toErrors(schema.validate(instance));
    }

    private static List<SchemaError> toErrors(Set<ValidationMessage> messages) {
        Set<SchemaError> errors = new LinkedHashSet<>();
        for (ValidationMessage m : messages) {
            errors.add(toError(m));
        }
        return errors.stream()
                .sorted(Comparator.comparing(SchemaError::pointer).thenComparing(SchemaError::message))
                .toList();
    }

    private static SchemaError toError(ValidationMessage m) {
        String at = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
        if ("/".equals(at)) {
            at = "";
        }
        String type = m.getType() == null ? "" : m.getType();
        Object[] args = m.getArguments() == null ? new Object[0] : m.getArguments();
        String property = m.getProperty();
        switch (type) {
            case "required":
                return new SchemaError(Json.pointer(at, nullToEmpty(property)), "is required but missing");
            case "additionalProperties":
                return new SchemaError(Json.pointer(at, nullToEmpty(property)),
                        "is not a known property (check its spelling)");
            case "type":
                return new SchemaError(at, "must be of type " + arg(args, 1) + ", but is " + arg(args, 0));
            case "enum":
                return new SchemaError(at, "must be one of " + arg(args, 0));
            case "const":
                return new SchemaError(at, "must be " + arg(args, 0));
            case "minLength":
                return new SchemaError(at, "must be at least " + arg(args, 0) + " characters long");
            case "maxLength":
                return new SchemaError(at, "must be at most " + arg(args, 0) + " characters long");
            case "minimum":
                return new SchemaError(at, "must be at least " + arg(args, 0));
            case "maximum":
                return new SchemaError(at, "must be at most " + arg(args, 0));
            case "pattern":
                return new SchemaError(at, "must match the pattern " + arg(args, 0));
            case "format":
                return new SchemaError(at, "must be a valid " + arg(args, 0));
            case "minItems":
                return new SchemaError(at, "must have at least " + arg(args, 0) + " items");
            default:
                return readable(at, stripLocation(m.getMessage(), at));
        }
    }

    private static final java.util.regex.Pattern DEPENDENT_REQUIRED = java.util.regex.Pattern.compile(
            "has a missing property '(.+)' which is dependent required because '(.+)' is present");
    private static final java.util.regex.Pattern EXCLUDED = java.util.regex.Pattern.compile(
            "must not be valid to the schema \"[^\"]*/dependentSchemas/([^/\"]+)/not\"\\s*:\\s*(\\{.*})\\s*$",
            java.util.regex.Pattern.DOTALL);

    /**
     * The rules a schema states about properties together, said in their names rather than in schema text:
     * {@code dependentRequired} ("start needs end") and a {@code dependentSchemas} {@code not} over {@code required}
     * lists ("date cannot go together with daysBack, start or end").
     */
    static SchemaError readable(String at, String message) {
        java.util.regex.Matcher needs = DEPENDENT_REQUIRED.matcher(message);
        if (needs.find()) {
            return new SchemaError(Json.pointer(at, needs.group(1)), "is required when '" + needs.group(2)
                    + "' is given: give both, or neither");
        }
        java.util.regex.Matcher excluded = EXCLUDED.matcher(message);
        if (excluded.find()) {
            List<String> others = new java.util.ArrayList<>();
            try {
                collectRequired(Json.read(excluded.group(2)), others);
            } catch (JsonProcessingException e) {
                others.clear();
            }
            if (!others.isEmpty()) {
                String list = others.size() == 1 ? "'" + others.get(0) + "'"
                        : others.subList(0, others.size() - 1).stream().map(o -> "'" + o + "'")
                                .collect(Collectors.joining(", ")) + " or '" + others.get(others.size() - 1) + "'";
                return new SchemaError(Json.pointer(at, excluded.group(1)), "cannot go together with " + list
                        + ": give one of them");
            }
        }
        if (message.startsWith("must not be valid to the schema")) {
            return new SchemaError(at, "has a combination of values the plugin does not accept");
        }
        return new SchemaError(at, message);
    }

    private static void collectRequired(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.path("required").forEach(n -> {
                if (n.isTextual() && !into.contains(n.asText())) {
                    into.add(n.asText());
                }
            });
            node.fields().forEachRemaining(f -> {
                if (!f.getKey().equals("required")) {
                    collectRequired(f.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRequired(n, into));
        }
    }

    private static String arg(Object[] args, int i) {
        if (i >= args.length || args[i] == null) {
            return "?";
        }
        Object a = args[i];
        return a instanceof Object[] array ? Arrays.toString(array) : a.toString();
    }

    private static String nullToEmpty(String property) {
        return property == null ? "" : property;
    }

    private static String stripLocation(String message, String at) {
        if (message == null) {
            return "is not valid";
        }
        String prefix = (at.isEmpty() ? "" : at) + ": ";
        if (message.startsWith(prefix)) {
            return message.substring(prefix.length());
        }
        return message.replaceFirst("^[^:]*: ", "");
    }
}
