package dev.plugboard.spi;

import java.util.Map;
import java.util.Optional;

/**
 * A connector's configuration after the host has resolved {@code ${env:…}} and {@code ${file:…}} references and
 * validated it against the descriptor's schema. It travels in two equivalent forms so a plugin can bind it with its
 * own JSON library or read plain JDK values.
 *
 * @param json   the configuration as a JSON object text
 * @param values the same configuration as JDK values (nested {@code Map}, {@code List}, {@code String},
 *               {@code Number}, {@code Boolean}, {@code null}); unmodifiable
 */
public record ConnectorConfig(String json, Map<String, Object> values) {

    /** Checks and deep-copies. */
    public ConnectorConfig {
        Checks.text(json, "json");
        values = JsonValues.copyObject(values, "values");
    }

    /**
     * @param name a top-level property
     * @return its value when present and not JSON null
     */
    public Optional<Object> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * @param name a top-level string property
     * @return its value when present
     * @throws ConnectorException of kind CONFIG when it is present but not a string
     */
    public Optional<String> string(String name) {
        return value(name).map(v -> {
            if (v instanceof String s) {
                return s;
            }
            throw new ConnectorException(ErrorKind.CONFIG, "configuration property '" + name + "' must be a string");
        });
    }

    /**
     * @param name a top-level integer property
     * @return its value when present
     * @throws ConnectorException of kind CONFIG when it is present but not a whole number
     */
    public Optional<Long> integer(String name) {
        return value(name).map(v -> {
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
            }
            throw new ConnectorException(ErrorKind.CONFIG, "configuration property '" + name + "' must be a whole number");
        });
    }

    /** The JSON text is shown only with secrets masked by the host; this form never includes values. */
    @Override
    public String toString() {
        return "ConnectorConfig" + values.keySet();
    }
}
