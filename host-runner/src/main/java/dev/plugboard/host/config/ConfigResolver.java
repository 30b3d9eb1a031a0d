package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Loads a plugin's configuration file, resolves its references and validates it against the plugin's schema. */
public final class ConfigResolver {
    private final ConfigLoader loader;

    /** @param loader reads files and resolves references */
    public ConfigResolver(ConfigLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /**
     * @param schemaJson the plugin's config schema
     * @param pluginId   the plugin's id, for messages
     * @param file       the configuration file
     * @return the resolved configuration with its schema errors
     * @throws ConfigException when the file cannot be read, parsed or resolved
     * @throws SchemaValidator.InvalidSchemaException when the plugin's schema is broken (a plugin bug)
     */
    public ResolvedConfig resolve(String schemaJson, String pluginId, Path file)
            throws ConfigException, SchemaValidator.InvalidSchemaException {
        SchemaValidator validator = SchemaValidator.compile(schemaJson, "plugin '" + pluginId + "' config schema");
        return check(validator, schemaJson, pluginId, loader.load(file));
    }

    /**
     * Validates a configuration that is already in memory (references resolved by whoever read it, e.g. Kafka
     * Connect's config providers).
     *
     * @param schemaJson the plugin's config schema
     * @param pluginId   the plugin's id, for messages
     * @param document   the configuration
     * @return the configuration with its schema errors (masked)
     * @throws SchemaValidator.InvalidSchemaException when the plugin's schema is broken (a plugin bug)
     */
    public static ResolvedConfig resolve(String schemaJson, String pluginId, ObjectNode document)
            throws SchemaValidator.InvalidSchemaException {
        SchemaValidator validator = SchemaValidator.compile(schemaJson, "plugin '" + pluginId + "' config schema");
        return check(validator, schemaJson, pluginId, document);
    }

    private static ResolvedConfig check(SchemaValidator validator, String schemaJson, String pluginId,
                                        ObjectNode document) throws SchemaValidator.InvalidSchemaException {
        Set<String> secretNames;
        try {
            secretNames = SecretFields.declared(Json.read(schemaJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SchemaValidator.InvalidSchemaException("plugin '" + pluginId + "' config schema is not JSON", e);
        }
        SecretMasker masker = SecretMasker.of(document, secretNames);
        List<SchemaError> errors = validator.validate(document).stream()
                .map(e -> new SchemaError(e.pointer(), masker.mask(e.message())))
                .toList();
        return new ResolvedConfig(document, masker, errors);
    }
}
