package dev.plugboard.kafka;

import dev.plugboard.host.config.ResolvedConfig;
import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.host.plugin.PluginLoader;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Limits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One connector's or task's use of a Plugboard plugin: the plugins folder loaded with the host's isolated loader
 * (each jar in its own class loader whose parent is the platform loader, so a plugin's Jackson or Vert.x never meets
 * the worker's), the plugin found, its configuration prepared, and (when asked) a connector opened. Closing it closes
 * the connector, then the plugins' class loaders.
 */
final class PluginSession implements AutoCloseable {
    /** How long one plugin call may take before the host gives up on it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final PluginCatalog catalog;
    private final LoadedPlugin plugin;
    private final PluginConfigs.Prepared prepared;
    private final Limits limits;
    private HostContext context;
    private Connector connector;

    private PluginSession(PluginCatalog catalog, LoadedPlugin plugin, PluginConfigs.Prepared prepared,
                          Limits limits) {
        this.catalog = catalog;
        this.plugin = plugin;
        this.prepared = prepared;
        this.limits = limits;
    }

    /**
     * @param settings the connector's settings
     * @return the session, its configuration prepared (check {@link #problems()})
     * @throws PluginNotFound when the folder cannot be read or holds no such plugin (the message says which are there)
     */
    static PluginSession open(Settings settings) throws PluginNotFound {
        PluginCatalog catalog;
        try {
            catalog = new PluginLoader().load(settings.pluginsDir());
        } catch (IOException e) {
            throw new PluginNotFound("cannot list the plugins folder " + settings.pluginsDir() + ": " + e.getMessage());
        }
        Optional<LoadedPlugin> found = catalog.find(settings.pluginId());
        if (found.isEmpty()) {
            String failures = catalog.failures().stream()
                    .map(f -> f.jar().getFileName() + ": " + f.reason())
                    .collect(Collectors.joining("; "));
            String message = "no plugin '" + settings.pluginId() + "' in " + settings.pluginsDir()
                    + (catalog.plugins().isEmpty() ? " (it holds no loadable plugin)"
                    : "; installed: " + String.join(", ", catalog.ids()))
                    + (failures.isEmpty() ? "" : "; jars that failed to load: " + failures)
                    + ". Put the plugin jar in that folder on every worker, or set " + PlugboardConfig.PLUGINS_DIR;
            catalog.close();
            throw new PluginNotFound(message);
        }
        LoadedPlugin plugin = found.get();
        PluginConfigs.Prepared prepared = PluginConfigs.prepare(plugin, settings);
        Limits limits = new Limits(settings.concurrency().orElse(plugin.descriptor().defaultConcurrency()),
                REQUEST_TIMEOUT);
        return new PluginSession(catalog, plugin, prepared, limits);
    }

    /** @return the plugin */
    LoadedPlugin plugin() {
        return plugin;
    }

    /** @return every problem of the configuration */
    List<PluginConfigs.Problem> problems() {
        return prepared.problems();
    }

    /** @return the secret properties of the plugin's schema */
    java.util.Set<String> secretNames() {
        return prepared.secretNames();
    }

    /** @return the configuration; only call when {@link #problems()} is empty */
    ResolvedConfig config() {
        return prepared.config().orElseThrow(() -> new IllegalStateException("the configuration has problems"));
    }

    /** @return the limits the connector runs with */
    Limits limits() {
        return limits;
    }

    /** @return the open connector (opened on first use) */
    Connector connector() {
        if (connector == null) {
            ResolvedConfig config = config();
            context = new HostContext(plugin.id(), config.masker(), limits, Clock.systemUTC());
            connector = plugin.open(config.toConnectorConfig(), context);
        }
        return connector;
    }

    /** @return the context given to the connector (request counts, cancellation) */
    HostContext context() {
        connector();
        return context;
    }

    /**
     * @param text any text about this plugin
     * @return it with every configured secret masked
     */
    String mask(String text) {
        return prepared.config().map(c -> c.masker().mask(text)).orElse(text);
    }

    @Override
    public void close() {
        try {
            if (context != null) {
                context.cancel();
            }
            if (connector != null) {
                connector.close();
            }
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(PluginSession.class).warn("closing plugin '{}' failed: {}",
                    plugin.id(), mask(String.valueOf(e)));
        } finally {
            catalog.close();
        }
    }

    /** The plugins folder holds no such plugin. */
    static final class PluginNotFound extends Exception {
        private static final long serialVersionUID = 1L;

        PluginNotFound(String message) {
            super(Objects.requireNonNull(message, "message"));
        }
    }
}
