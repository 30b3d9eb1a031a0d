package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Finds the secret properties a config schema declares: those whose schema has {@code "writeOnly": true} or
 * {@code "x-secret": true}, wherever they are declared (nested {@code properties}, {@code $ref} to {@code $defs},
 * {@code oneOf}/{@code anyOf}/{@code allOf}, {@code if}/{@code then}/{@code else}, {@code items},
 * {@code additionalProperties}…). A secret schema under {@code items} or {@code additionalProperties} makes the
 * enclosing property secret as a whole. Secrets are then found in a config by property name, at any depth,
 * arrays included: masking a same-named harmless value is a better mistake than printing a secret.
 */
public final class SecretFields {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|apikey|api_key|privatekey|private_key|credential).*");
    private static final String[] SAME_LEVEL = {"allOf", "anyOf", "oneOf", "prefixItems"};
    private static final String[] SINGLE = {"not", "if", "then", "else", "items", "contains", "additionalProperties",
        "unevaluatedProperties", "unevaluatedItems", "propertyNames"};

    private SecretFields() {
    }

    /** Receives each property schema the walk meets. */
    private interface Visitor {
        void property(String name, String schemaPath, JsonNode schema);
    }

    /**
     * @param schema a config schema
     * @return the names of every property marked secret
     */
    public static Set<String> declared(JsonNode schema) {
        Set<String> names = new TreeSet<>();
        walk(schema, (name, path, node) -> {
            if (marked(node)) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * @param schema a config schema
     * @return schema paths (JSON pointers into the schema) of properties whose name suggests a secret but that are
     *         not marked secret
     */
    public static Set<String> unmarked(JsonNode schema) {
        Set<String> marked = declared(schema);
        Set<String> paths = new TreeSet<>();
        walk(schema, (name, path, node) -> {
            if (looksSecret(name) && !marked.contains(name)) {
                paths.add(path);
            }
        });
        return paths;
    }

    /**
     * @param name a property name
     * @return whether the name suggests a secret
     */
    public static boolean looksSecret(String name) {
        return SECRET_NAME.matcher(name).matches();
    }

    /**
     * @param config a configuration document
     * @param names  secret property names ({@link #declared})
     * @return every non-null scalar value held under those names, at any depth
     */
    public static Set<String> values(JsonNode config, Set<String> names) {
        Set<String> values = new TreeSet<>();
        collect(config, names, false, values);
        return values;
    }

    private static void collect(JsonNode node, Set<String> names, boolean secret, Set<String> out) {
        if (node.isValueNode()) {
            if (secret && !node.isNull()) {
                out.add(node.asText());
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            collect(f.getValue(), names, secret || names.contains(f.getKey()), out);
        }
        if (node.isArray()) {
            node.forEach(item -> collect(item, names, secret, out));
        }
    }

    private static boolean marked(JsonNode schema) {
        return schema.path("writeOnly").asBoolean(false) || schema.path("x-secret").asBoolean(false);
    }

    private static void walk(JsonNode root, Visitor visitor) {
        walk(root, root, "", "", visitor, new IdentityHashMap<>());
    }

    /**
     * @param property the property the schema at {@code path} describes (its value, or part of it), "" at the top
     */
    private static void walk(JsonNode root, JsonNode schema, String path, String property, Visitor visitor,
                             Map<JsonNode, Set<String>> seen) {
        // a shared definition is walked once per property that uses it; a $ref cycle stops
        if (!schema.isObject() || !seen.computeIfAbsent(schema, k -> new java.util.HashSet<>()).add(property)) {
            return;
        }
        if (!property.isEmpty()) {
            visitor.property(property, path, schema);
        }
        JsonNode properties = schema.path("properties");
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            walk(root, f.getValue(), Json.pointer(path + "/properties", f.getKey()), f.getKey(), visitor, seen);
        }
        Iterator<Map.Entry<String, JsonNode>> patterns = schema.path("patternProperties").fields();
        while (patterns.hasNext()) {
            Map.Entry<String, JsonNode> f = patterns.next();
            walk(root, f.getValue(), Json.pointer(path + "/patternProperties", f.getKey()), property, visitor, seen);
        }
        Iterator<Map.Entry<String, JsonNode>> dependent = schema.path("dependentSchemas").fields();
        while (dependent.hasNext()) {
            Map.Entry<String, JsonNode> f = dependent.next();
            walk(root, f.getValue(), Json.pointer(path + "/dependentSchemas", f.getKey()), property, visitor, seen);
        }
        for (String keyword : SAME_LEVEL) {
            JsonNode list = schema.path(keyword);
            for (int i = 0; i < list.size(); i++) {
                walk(root, list.get(i), path + "/" + keyword + "/" + i, property, visitor, seen);
            }
        }
        for (String keyword : SINGLE) {
            JsonNode sub = schema.path(keyword);
            if (sub.isObject()) {
                walk(root, sub, path + "/" + keyword, property, visitor, seen);
            }
        }
        String ref = schema.path("$ref").asText("");
        if (ref.startsWith("#")) {
            JsonNode target = root.at(ref.substring(1));
            if (!target.isMissingNode()) {
                walk(root, target, ref.substring(1), property, visitor, seen);
            }
        }
    }

}
