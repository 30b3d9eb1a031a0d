package dev.plugboard.spi;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a plugin is, before it is opened: shown by {@code plugboard plugins} and used to validate config.
 *
 * @param id                 stable identifier used on the command line: lower case letters, digits and dashes,
 *                           starting with a letter (e.g. {@code sentry})
 * @param displayName        a name for people
 * @param version            the plugin's own version
 * @param spiVersion         the SPI version the plugin was built against
 * @param capabilities       the capabilities its connectors offer; must match what {@link Connector} exposes
 * @param documentationUrl   where its documentation lives, if anywhere
 * @param configSchema       the configuration's JSON Schema (draft 2020-12) as JSON text; secret properties are
 *                           marked {@code "writeOnly": true}
 * @param defaultConcurrency how many calls the host may run at once against one connector unless told otherwise
 */
public record ConnectorDescriptor(
        String id,
        String displayName,
        String version,
        SpiVersion spiVersion,
        Set<Capability> capabilities,
        Optional<String> documentationUrl,
        String configSchema,
        int defaultConcurrency) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** Checks every component. */
    public ConnectorDescriptor {
        Checks.text(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("connector id '" + id
                    + "' must be lower case letters, digits and dashes, starting with a letter, at most 63 characters");
        }
        Checks.text(displayName, "displayName");
        Checks.text(version, "version");
        Checks.present(spiVersion, "spiVersion");
        Checks.noNulls(capabilities, "capabilities");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        Checks.present(documentationUrl, "documentationUrl");
        Checks.text(configSchema, "configSchema");
        if (defaultConcurrency < 1) {
            throw new IllegalArgumentException("defaultConcurrency must be at least 1, got " + defaultConcurrency);
        }
    }

    /**
     * @param capability a capability
     * @return whether the descriptor declares it
     */
    public boolean offers(Capability capability) {
        return capabilities.contains(capability);
    }
}
