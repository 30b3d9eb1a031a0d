package com.example.hello;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The entry point the host looks up, listed in {@code META-INF/services/dev.plugboard.spi.ConnectorProvider}. A public
 * no-argument constructor that does no I/O; a descriptor built once.
 */
public final class HelloConnectorProvider implements ConnectorProvider {
    /** What users type: {@code plugboard sync hello ...}. */
    static final String ID = "hello";

    private static final ConnectorDescriptor DESCRIPTOR = descriptorOf();

    /** Does no I/O beyond reading its own resources. */
    public HelloConnectorProvider() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        // the host has validated the config against config-schema.json; open() binds it and makes no remote call
        return new HelloConnector(Directory.from(config), context);
    }

    private static ConnectorDescriptor descriptorOf() {
        Properties info = new Properties();
        try (InputStream properties = resource("plugin.properties");
             InputStream schema = resource("config-schema.json")) {
            info.load(properties);
            return new ConnectorDescriptor(ID, "Hello (template)", info.getProperty("version"),
                    SpiVersion.parse(info.getProperty("spiVersion")), Set.of(Capability.RESOURCE_SYNC),
                    Optional.empty(), new String(schema.readAllBytes(), StandardCharsets.UTF_8), 4);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the plugin's own resources", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = HelloConnectorProvider.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the plugin jar is missing " + name);
        }
        return in;
    }
}
