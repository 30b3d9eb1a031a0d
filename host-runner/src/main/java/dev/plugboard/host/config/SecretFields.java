package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the secret properties a config schema declares: those with {@code "writeOnly": true} or
 * {@code "x-secret": true}, in nested objects too. It also tells which properties look secret by name, so the
 * conformance suite can insist they are marked.
 */
public final class SecretFields {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|apikey|api_key|privatekey|private_key|credential).*");

    private SecretFields() {
    }

    /**
     * @param schema a config schema
     * @return JSON pointers (into a config document) of every property marked secret
     */
    public static Set<String> declared(JsonNode schema) {
        Set<String> pointers = new TreeSet<>();
        walk(schema, "", pointers, false);
        return pointers;
    }

    /**
     * @param schema a config schema
     * @return JSON pointers of properties whose name suggests a secret but that are not marked secret
     */
    public static Set<String> unmarked(JsonNode schema) {
        Set<String> named = new TreeSet<>();
        walk(schema, "", named, true);
        named.removeAll(declared(schema));
        return named;
    }

    /**
     * @param name a property name
     * @return whether the name suggests a secret
     */
    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    private static void walk(JsonNode schema, String at, Set<String> out, boolean byName) {
        JsonNode properties = schema.path("properties");
        if (!properties.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String pointer = at + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
            JsonNode property = field.getValue();
            boolean secret = byName ? looksSecret(field.getKey())
                    : property.path("writeOnly").asBoolean(false) || property.path("x-secret").asBoolean(false);
            if (secret) {
                out.add(pointer);
            }
            walk(property, pointer, out, byName);
        }
    }
}
