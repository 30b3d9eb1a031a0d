package dev.plugboard.conformance;

import java.util.Objects;

/**
 * A configuration the plugin must reject: by its schema, by {@code open()} throwing a
 * {@link dev.plugboard.spi.ConnectorException}, or by {@code check()} answering an error finding.
 *
 * @param description what is wrong with it, shown in failure messages (e.g. "path does not exist")
 * @param json        the configuration as a JSON object text
 */
public record BadConfig(String description, String json) {
    /** Checks every component. */
    public BadConfig {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(json, "json");
        if (description.isBlank()) {
            throw new IllegalArgumentException("a bad config needs a description of what is wrong with it");
        }
        Json.object(json, "bad config '" + description + "'");
    }
}
