package dev.plugboard.host.config;

import dev.plugboard.spi.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The result of validating a configuration: schema errors, then (unless offline or the schema failed) the
 * plugin's {@code check()} findings. Every text in it is already masked.
 *
 * @param pluginId     the plugin
 * @param configFile   the configuration file as given
 * @param schemaErrors how the config breaks the plugin's schema
 * @param checked      whether {@code check()} ran
 * @param findings     the check's findings
 */
public record ValidationReport(String pluginId, String configFile, List<SchemaError> schemaErrors, boolean checked,
                               List<Finding> findings) {
    /** Checks and copies. */
    public ValidationReport {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(configFile, "configFile");
        schemaErrors = List.copyOf(schemaErrors);
        findings = List.copyOf(findings);
    }

    /** @return schema errors plus error findings */
    public int errorCount() {
        return schemaErrors.size() + (int) findings.stream()
                .filter(f -> f.severity() == Finding.Severity.ERROR).count();
    }

    /** @return whether the configuration is valid */
    public boolean valid() {
        return errorCount() == 0;
    }
}
