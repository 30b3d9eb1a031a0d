package dev.plugboard.examples.file;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The file connector's entry point, listed in {@code META-INF/services/dev.plugboard.spi.ConnectorProvider}: an
 * identity export (a JSON file or a folder of CSV files) as users, groups, roles and grants, and a user-access
 * report.
 */
public final class FileConnectorProvider implements ConnectorProvider {
    private static final ConnectorDescriptor DESCRIPTOR = descriptorOf();

    /** Does no I/O beyond reading its own resources. */
    public FileConnectorProvider() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Its one report does not depend on the configuration: {@code plugboard reports file} needs none. */
    @Override
    public Optional<List<ReportDefinition>> reportDefinitions() {
        return Optional.of(FileReports.DEFINITIONS);
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        return new FileConnector(FileConfig.from(config), context);
    }

    private static ConnectorDescriptor descriptorOf() {
        Properties info = new Properties();
        try (InputStream in = FileConnectorProvider.class.getResourceAsStream("plugin.properties")) {
            info.load(in);
            String schema = new String(FileConnectorProvider.class.getResourceAsStream("config-schema.json")
                    .readAllBytes(), StandardCharsets.UTF_8);
            return new ConnectorDescriptor("file", "Identity file (JSON or CSV export)", info.getProperty("version"),
                    SpiVersion.parse(info.getProperty("spiVersion")),
                    Set.of(Capability.RESOURCE_SYNC, Capability.REPORTS),
                    Optional.empty(),
                    schema, 4);
        } catch (IOException e) {
            throw new UncheckedIOException("the file connector's jar is missing its resources", e);
        }
    }
}
