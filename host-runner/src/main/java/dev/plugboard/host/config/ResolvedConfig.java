package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.ConnectorConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A configuration read, resolved and checked against its plugin's schema.
 *
 * @param document     the resolved configuration (holds secrets: never print it; print {@link #masked()})
 * @param masker       masks this configuration's secrets
 * @param schemaErrors how it breaks the schema; empty when valid
 */
public record ResolvedConfig(ObjectNode document, SecretMasker masker, List<SchemaError> schemaErrors) {

    /** Checks and copies. */
    public ResolvedConfig {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(masker, "masker");
        schemaErrors = List.copyOf(schemaErrors);
    }

    /** @return the configuration with secrets replaced by {@code ****} */
    public ObjectNode masked() {
        return (ObjectNode) masker.maskConfig(document);
    }

    /**
     * @return the configuration with each secret value replaced by {@code ****}, as JDK values: what identifies a
     *         configuration across a credential rotation (a sync interrupted by an expired token resumes with a
     *         new one), and holds no secret
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> identityValues() {
        return Json.convert(masked(), Map.class);
    }

    /** @return the configuration in the SPI's form */
    @SuppressWarnings("unchecked")
    public ConnectorConfig toConnectorConfig() {
        return new ConnectorConfig(Json.text(document), Json.convert(document, Map.class));
    }

    /** @return never the secrets */
    @Override
    public String toString() {
        return "ResolvedConfig" + masked();
    }
}
