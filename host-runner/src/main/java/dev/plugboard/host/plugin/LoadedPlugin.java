package dev.plugboard.host.plugin;

import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ReportDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A plugin that loaded: its descriptor, its jar, and a way to open connectors that keeps every call inside the
 * plugin's class loader.
 */
public final class LoadedPlugin {
    private final ConnectorDescriptor descriptor;
    private final Path jar;
    private final ConnectorProvider provider;
    private final ClassLoader loader;
    private final PluginCalls calls;

    LoadedPlugin(ConnectorDescriptor descriptor, Path jar, ConnectorProvider provider, ClassLoader loader,
                 PluginCalls calls) {
        this.descriptor = descriptor;
        this.jar = jar;
        this.provider = provider;
        this.loader = loader;
        this.calls = calls;
    }

    /** @return what the plugin is */
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    /** @return the plugin id */
    public String id() {
        return descriptor.id();
    }

    /** @return the jar it came from */
    public Path jar() {
        return jar;
    }

    /** @return the plugin's class loader (for tests and diagnostics) */
    public ClassLoader classLoader() {
        return loader;
    }

    /**
     * Opens a connector, within the deadline of one plugin call. The returned connector runs every call with the
     * plugin's context class loader and the same deadline.
     *
     * @param config  a validated configuration
     * @param context the host's context
     * @return the connector; close it before closing the catalog
     */
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        Connector connector = calls.call(id(), "open()", loader, () -> provider.open(config, context));
        if (connector == null) {
            throw new IllegalStateException("plugin '" + id() + "' returned null from open()");
        }
        return new IsolatedConnector(connector, loader, id(), calls);
    }

    /**
     * Asks the provider for its report definitions without opening a connector (SPI 1.1), within the deadline of
     * one plugin call.
     *
     * @return the definitions, or empty when the plugin can list them only from an open connector (an SPI 1.0
     *         plugin, or one whose reports depend on its configuration)
     * @throws ConnectorException (internal) when the plugin answers null or a list holding null (a bug in the plugin)
     */
    public Optional<List<ReportDefinition>> reportDefinitions() {
        Optional<List<ReportDefinition>> definitions = calls.call(id(), "reportDefinitions()", loader,
                provider::reportDefinitions);
        if (definitions == null || definitions.isPresent()
                && definitions.get().stream().anyMatch(java.util.Objects::isNull)) {
            throw new ConnectorException(ErrorKind.INTERNAL, "plugin '" + id() + "' answered " + (definitions == null ? "null"
                    : "a null definition") + " from reportDefinitions() (a bug in the plugin)");
        }
        return definitions.map(List::copyOf);
    }

    @Override
    public String toString() {
        return descriptor.id() + " " + descriptor.version() + " (" + jar.getFileName() + ")";
    }
}
