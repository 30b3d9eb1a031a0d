package dev.plugboard.conformance;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.SpiVersion;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Conformance checks of the plugin's descriptor: well-formed id, version and SPI version, and capabilities that match
 * what the connector offers. Implement it in a plugin's test class with the other checks' interfaces (or extend
 * {@link ConnectorConformanceSuite} for all of them).
 */
public interface DescriptorChecks extends ConformanceChecks {
    @Test
    @Order(100)
    @DisplayName("descriptor: id, version and SPI version are well formed")
    default void descriptorIsWellFormed(SuiteRun run) {
        ConnectorDescriptor d = run.session().descriptor();
        Problems problems = new Problems();
        if (!Pattern.compile("[a-z][a-z0-9-]{0,62}").matcher(d.id()).matches()) {
            problems.add("id '" + d.id() + "' must be lower case letters, digits and dashes, starting with a letter");
        }
        if (!Pattern.compile("\\d+(\\.\\d+){0,3}([-+][0-9A-Za-z.+-]+)?").matcher(d.version()).matches()) {
            problems.add("version '" + d.version() + "' must look like 1.2.3 (optionally -SNAPSHOT or +build):"
                    + " put the plugin's own version there, e.g. filtered from the pom");
        }
        SpiVersion host = SpiVersion.current();
        if (!host.canRun(d.spiVersion())) {
            problems.add("spiVersion " + d.spiVersion() + " cannot run on this host's SPI " + host
                    + ": build against connector-spi " + host);
        }
        d.documentationUrl().ifPresent(url -> {
            try {
                URI uri = URI.create(url);
                if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                    problems.add("documentationUrl '" + url + "' must be an absolute http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add("documentationUrl '" + url + "' is not a URL: " + e.getMessage());
            }
        });
        problems.failIfAny("the descriptor of plugin '" + d.id() + "' is not well formed");
    }

    @Test
    @Order(110)
    @DisplayName("descriptor: declared capabilities are exactly those the connector offers")
    default void capabilitiesMatchConnector(SuiteRun run) {
        ConnectorDescriptor d = run.session().descriptor();
        Problems problems = new Problems();
        try (Connector c = run.session().openWorking()) {
            compare(problems, d, Capability.RESOURCE_SYNC, c.resourceSync().isPresent(), "resourceSync()");
            compare(problems, d, Capability.PROVISIONING, c.provisioning().isPresent(), "provisioning()");
            compare(problems, d, Capability.REPORTS, c.reports().isPresent(), "reports()");
        }
        problems.failIfAny("the descriptor's capabilities " + new java.util.TreeSet<>(d.capabilities())
                + " do not match what the connector exposes");
    }

    private static void compare(Problems problems, ConnectorDescriptor d, Capability capability, boolean offered,
                                String accessor) {
        if (d.offers(capability) && !offered) {
            problems.add("the descriptor declares " + capability + " but connector." + accessor + " is empty: return"
                    + " the capability from " + accessor + " or remove " + capability + " from the descriptor");
        } else if (!d.offers(capability) && offered) {
            problems.add("connector." + accessor + " is present but the descriptor does not declare " + capability
                    + ": add it to the descriptor's capabilities or return Optional.empty()");
        }
    }
}
