package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A configuration taken from environment variables, the way command-line tools of the remote system read theirs
 * (sentry-cli: {@code SENTRY_AUTH_TOKEN}, {@code SENTRY_ORG}, {@code SENTRY_URL}). The plugin's schema says which
 * variable fills which top-level property, with the keyword {@code "x-env": "NAME"}; the host does the rest for any
 * plugin, and {@code plugboard spec} shows the mapping with the schema.
 */
public final class EnvironmentConfig {
    /** The schema keyword naming the environment variable of a property. */
    public static final String KEYWORD = "x-env";

    private EnvironmentConfig() {
    }

    /**
     * @param schema the plugin's config schema
     * @return each top-level property that declares a variable, with the variable's name, in schema order
     */
    public static Map<String, String> variables(JsonNode schema) {
        Map<String, String> names = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> {
            JsonNode name = p.getValue().path(KEYWORD);
            if (name.isTextual() && !name.asText().isBlank()) {
                names.put(p.getKey(), name.asText());
            }
        });
        return names;
    }

    /**
     * @param schema      the plugin's config schema
     * @param environment looks up variables
     * @return the configuration the set variables make (typed by the schema: integers, numbers and booleans are
     *         parsed); empty when the schema declares no variable or none is set
     * @throws ConfigException when a value does not have its property's type
     */
    public static Optional<ObjectNode> from(JsonNode schema, Function<String, Optional<String>> environment)
            throws ConfigException {
        Map<String, String> names = variables(schema);
        ObjectNode config = Json.object();
        for (Map.Entry<String, String> e : names.entrySet()) {
            Optional<String> value = environment.apply(e.getValue()).filter(v -> !v.isEmpty());
            if (value.isEmpty()) {
                continue;
            }
            String type = schema.path("properties").path(e.getKey()).path("type").asText("string");
            String v = value.get().strip();
            try {
                switch (type) {
                    case "integer" -> config.put(e.getKey(), Long.parseLong(v));
                    case "number" -> config.put(e.getKey(), Double.parseDouble(v));
                    case "boolean" -> {
                        if (!v.equals("true") && !v.equals("false")) {
                            throw new NumberFormatException();
                        }
                        config.put(e.getKey(), Boolean.parseBoolean(v));
                    }
                    default -> config.put(e.getKey(), value.get());
                }
            } catch (NumberFormatException bad) {
                // the value is not quoted: the variable may hold a secret
                throw new ConfigException("the environment variable " + e.getValue() + " (" + e.getKey()
                        + ") must be " + (type.equals("boolean") ? "true or false" : "a number"));
            }
        }
        return config.isEmpty() ? Optional.empty() : Optional.of(config);
    }

    /**
     * @param schema   the plugin's config schema
     * @param pluginId the plugin
     * @return what to tell a person who gave no {@code --config} and no variable
     */
    public static String missing(JsonNode schema, String pluginId) {
        Map<String, String> names = variables(schema);
        if (names.isEmpty()) {
            return "no --config given: plugin '" + pluginId + "' takes its configuration from a file only; give it"
                    + " with --config FILE (or - for standard input)";
        }
        return "no --config given, and none of " + String.join(", ", names.values()) + " is set: give a config"
                + " file with --config FILE, or set the variables ('plugboard spec " + pluginId + "' shows which"
                + " property each fills)";
    }
}
