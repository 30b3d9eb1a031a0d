package dev.plugboard.kafka;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plugboard.host.config.ConfigResolver;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.config.ResolvedConfig;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.config.SecretFields;
import dev.plugboard.host.plugin.LoadedPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a connector's settings into the plugin's configuration document: the {@code plugboard.config} text (JSON or
 * YAML) with each {@code plugboard.secret.NAME} set as property NAME, validated against the plugin's schema. Every
 * problem is tied to the setting that holds it, so Connect's {@code config/validate} shows it on that field.
 */
final class PluginConfigs {
    private static final YAMLFactory YAML = new YAMLFactory();
    /** A Kafka config provider reference that the worker did not resolve. */
    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\{[A-Za-z0-9_.-]+:[^}]*}");

    /**
     * A problem with one setting.
     *
     * @param setting the Connect setting that holds it
     * @param message what is wrong, for a person (never a secret)
     */
    record Problem(String setting, String message) {
        Problem {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * @param config      the configuration, when it could be built (it may still have schema errors)
     * @param secretNames the secret properties of the plugin's schema
     * @param problems    every problem, schema errors included
     */
    record Prepared(Optional<ResolvedConfig> config, Set<String> secretNames, List<Problem> problems) {
        Prepared {
            Objects.requireNonNull(config, "config");
            secretNames = Set.copyOf(secretNames);
            problems = List.copyOf(problems);
        }
    }

    private PluginConfigs() {
    }

    /**
     * @param pluginsDir a folder of plugin jars
     * @return the secret properties of every plugin there (none when the folder cannot be read)
     */
    static Set<String> installedSecretNames(java.nio.file.Path pluginsDir) {
        Set<String> names = new java.util.TreeSet<>();
        try (dev.plugboard.host.plugin.PluginCatalog catalog = new dev.plugboard.host.plugin.PluginLoader()
                .load(pluginsDir)) {
            for (LoadedPlugin plugin : catalog.plugins()) {
                try {
                    names.addAll(SecretFields.declared(Json.read(plugin.descriptor().configSchema())));
                } catch (JsonProcessingException e) {
                    // validate() names that plugin's problem when it is used
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no installed plugins to know secrets of: validate() adds the plugin's own
        }
        return names;
    }

    /**
     * @param plugin   the loaded plugin
     * @param settings the connector's settings
     * @return the configuration and its problems
     */
    static Prepared prepare(LoadedPlugin plugin, Settings settings) {
        String schema = plugin.descriptor().configSchema();
        Set<String> secretNames;
        try {
            secretNames = SecretFields.declared(Json.read(schema));
        } catch (JsonProcessingException e) {
            return new Prepared(Optional.empty(), Set.of(), List.of(new Problem(PlugboardConfig.PLUGIN,
                    "plugin '" + plugin.id() + "' has a config schema that is not JSON (a bug in the plugin)")));
        }
        List<Problem> problems = new ArrayList<>();
        Optional<ObjectNode> parsed = parseObject(settings.configText(), PlugboardConfig.CONFIG, problems);
        if (parsed.isEmpty()) {
            return new Prepared(Optional.empty(), secretNames, problems);
        }
        ObjectNode document = parsed.get();
        for (String name : secretNames) {
            if (document.has(name)) {
                problems.add(new Problem(PlugboardConfig.CONFIG, "/" + name + " is secret: remove it from "
                        + PlugboardConfig.CONFIG + " and set " + PlugboardConfig.SECRET_PREFIX + name
                        + " (a PASSWORD setting, best a config provider reference such as ${file:PATH:KEY})"));
            }
        }
        for (Map.Entry<String, String> secret : settings.secrets().entrySet()) {
            String setting = PlugboardConfig.SECRET_PREFIX + secret.getKey();
            if (!secretNames.contains(secret.getKey())) {
                problems.add(new Problem(setting, "plugin '" + plugin.id() + "' has no secret property '"
                        + secret.getKey() + "'" + (secretNames.isEmpty() ? "" : "; its secret properties: "
                        + String.join(", ", secretNames))));
            } else if (UNRESOLVED.matcher(secret.getValue()).find()) {
                problems.add(new Problem(setting, "holds a config provider reference the worker did not resolve:"
                        + " name the provider in the worker's config.providers (e.g. config.providers=file and"
                        + " config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider)"));
            } else {
                document.set(secret.getKey(), TextNode.valueOf(secret.getValue()));
            }
        }
        ResolvedConfig config;
        try {
            config = ConfigResolver.resolve(schema, plugin.id(), document);
        } catch (SchemaValidator.InvalidSchemaException e) {
            problems.add(new Problem(PlugboardConfig.PLUGIN, e.getMessage() + " (a bug in the plugin)"));
            return new Prepared(Optional.empty(), secretNames, problems);
        }
        for (SchemaError error : config.schemaErrors()) {
            problems.add(new Problem(settingOf(error.pointer(), secretNames), error.toString()));
        }
        return new Prepared(Optional.of(config), secretNames, problems);
    }

    /** @return the secret's own setting when the pointer is at (or under) a secret property, else the config */
    private static String settingOf(String pointer, Set<String> secretNames) {
        String top = pointer.isEmpty() ? "" : pointer.substring(1).split("/", 2)[0];
        return secretNames.contains(top) ? PlugboardConfig.SECRET_PREFIX + top : PlugboardConfig.CONFIG;
    }

    private static JsonNode readYaml(String text) throws JsonProcessingException {
        try (JsonParser parser = YAML.createParser(text)) {
            return Json.strictTreeReader().readTree(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("reading YAML from memory failed", e);
        }
    }

    /**
     * @param text     JSON (starts with <code>{</code>) or YAML text
     * @param setting  the setting holding it, for problems
     * @param problems where a problem goes
     * @return the object, or empty (with a problem) when the text is not one object
     */
    static Optional<ObjectNode> parseObject(String text, String setting, List<Problem> problems) {
        boolean json = text.stripLeading().startsWith("{");
        JsonNode root;
        try {
            root = json ? Json.strictTreeReader().readTree(text) : readYaml(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // the parser's own message quotes the text around the error: never repeat it
            problems.add(new Problem(setting, "is not valid " + (json ? "JSON" : "YAML")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())));
            return Optional.empty();
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Optional.of(Json.object());
        }
        if (!(root instanceof ObjectNode object)) {
            problems.add(new Problem(setting, "must hold one object of settings (key: value), not "
                    + (root.isArray() ? "a list" : "a single value")));
            return Optional.empty();
        }
        return Optional.of(object);
    }
}
