package dev.plugboard.host.cli;

import dev.plugboard.host.config.ConfigException;
import dev.plugboard.host.config.ConfigLoader;
import dev.plugboard.host.config.ConfigResolver;
import dev.plugboard.host.config.EnvironmentConfig;
import dev.plugboard.host.config.ResolvedConfig;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.host.runtime.Futures;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * One command's use of one plugin: the plugins folder loaded, the plugin found, its configuration read, resolved
 * and validated, and (when asked) a connector opened. Closing it closes the connector, then the plugins' loaders.
 */
public final class ConnectorSession implements AutoCloseable {
    /** How long one plugin call may take before the host gives up on it. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final PluginCatalog catalog;
    private final LoadedPlugin plugin;
    private final ResolvedConfig config;
    private final Clock clock;
    private Limits limits;
    private HostContext context;
    private Connector connector;

    private ConnectorSession(PluginCatalog catalog, LoadedPlugin plugin, ResolvedConfig config, Clock clock) {
        this.clock = clock;
        this.catalog = catalog;
        this.plugin = plugin;
        this.config = config;
    }

    /**
     * Loads the plugin and its configuration; fails with exit code 3 (listing every schema error) when the
     * configuration does not match the plugin's schema.
     *
     * @param root    the root command (global options, masking)
     * @param options the plugin id and config file
     * @return a session with a valid configuration and no connector opened yet
     */
    public static ConnectorSession load(PlugboardCommand root, ConnectorOptions options) {
        return load(root, options, null);
    }

    /**
     * As {@link #load(PlugboardCommand, ConnectorOptions)}, from plugins already loaded.
     *
     * @param catalog the loaded plugins, which the session now owns (it closes them), or null to load them
     */
    static ConnectorSession load(PlugboardCommand root, ConnectorOptions options, PluginCatalog catalog) {
        ConnectorSession session = loadUnchecked(root, options, catalog);
        if (!session.config.schemaErrors().isEmpty()) {
            session.close();
            throw new HostException(ExitCode.INVALID_CONFIG, "config " + options.configSource() + " is not valid for plugin '"
                    + options.plugin() + "' (" + dev.plugboard.host.output.Plurals.of(
                    session.config.schemaErrors().size(), "error") + "):\n"
                    + session.config.schemaErrors().stream().map(e -> "  " + e).collect(Collectors.joining("\n"))
                    + "\nSee 'plugboard spec " + options.plugin() + "' for the settings it takes.");
        }
        return session;
    }

    /**
     * Loads the plugin and its configuration without failing on schema errors (for {@code validate}).
     *
     * @param root    the root command
     * @param options the plugin id and config file
     * @return the session
     */
    static ConnectorSession loadUnchecked(PlugboardCommand root, ConnectorOptions options) {
        return loadUnchecked(root, options, null);
    }

    /**
     * As {@link #loadUnchecked(PlugboardCommand, ConnectorOptions)}, from plugins already loaded.
     *
     * @param loaded the loaded plugins, which the session now owns (it closes them), or null to load them
     */
    static ConnectorSession loadUnchecked(PlugboardCommand root, ConnectorOptions options, PluginCatalog loaded) {
        String pluginId = options.plugin();
        PluginCatalog catalog;
        try {
            options.concurrency().filter(n -> n < 1).ifPresent(n -> {
                throw new HostException(ExitCode.USAGE, "--concurrency must be at least 1, got " + n);
            });
            catalog = loaded == null ? root.loadPlugins() : loaded;
        } catch (RuntimeException e) {
            if (loaded != null) {
                loaded.close();
            }
            throw e;
        }
        try {
            LoadedPlugin plugin = find(root, catalog, pluginId);
            String schema = plugin.descriptor().configSchema();
            ResolvedConfig config;
            if (options.config().isPresent()) {
                config = new ConfigResolver(new ConfigLoader()).resolve(schema, pluginId, options.config().get());
            } else {
                com.fasterxml.jackson.databind.JsonNode schemaNode = schemaNode(schema, pluginId);
                config = ConfigResolver.resolve(schema, pluginId, EnvironmentConfig.from(schemaNode,
                                name -> java.util.Optional.ofNullable(System.getenv(name)))
                        .orElseThrow(() -> new HostException(ExitCode.USAGE,
                                EnvironmentConfig.missing(schemaNode, pluginId))));
            }
            root.useMasker(config.masker());
            ConnectorSession session = new ConnectorSession(catalog, plugin, config, root.clock());
            session.limits = new Limits(options.concurrency().orElse(plugin.descriptor().defaultConcurrency()),
                    DEFAULT_REQUEST_TIMEOUT);
            return session;
        } catch (ConfigException e) {
            catalog.close();
            throw new HostException(ExitCode.INVALID_CONFIG, e.getMessage(), e);
        } catch (SchemaValidator.InvalidSchemaException e) {
            catalog.close();
            throw new HostException(ExitCode.INTERNAL, e.getMessage() + " (a bug in the plugin)", e);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
    }

    /**
     * @param root     the root command
     * @param catalog  the loaded plugins
     * @param pluginId the id asked for
     * @return the plugin
     * @throws HostException (usage) naming the installed plugins, and this id's load failure when there is one
     */
    static LoadedPlugin find(PlugboardCommand root, PluginCatalog catalog, String pluginId) {
        return catalog.find(pluginId).orElseThrow(() -> {
            String failures = catalog.failures().stream()
                    .map(f -> "\n  " + f.jar().getFileName() + ": " + f.reason())
                    .collect(Collectors.joining());
            return new HostException(ExitCode.USAGE, "no plugin '" + pluginId + "' in " + root.options().pluginsDir()
                    + (catalog.plugins().isEmpty() ? " (it holds no loadable plugin)"
                    : "; installed: " + String.join(", ", catalog.ids()))
                    + (failures.isEmpty() ? "" : "\nThese jars failed to load:" + failures)
                    + "\nSet the folder with --plugins DIR or PLUGBOARD_PLUGINS.");
        });
    }

    /** @return the plugin */
    public LoadedPlugin plugin() {
        return plugin;
    }

    /** @return the resolved configuration */
    public ResolvedConfig config() {
        return config;
    }

    /** @return the clock the command and the connector read time from */
    public Clock clock() {
        return clock;
    }

    /** @return the limits the connector runs with */
    public Limits limits() {
        return limits;
    }

    /**
     * Opens the connector (once).
     *
     * @return the open connector
     */
    public Connector connector() {
        if (connector == null) {
            context = new HostContext(plugin.id(), config.masker(), limits, clock);
            try {
                connector = plugin.open(config.toConnectorConfig(), context);
            } catch (ConnectorException e) {
                throw new HostException(ExitCode.of(e.kind()), config.masker().mask(e.getMessage()), e);
            }
        }
        return connector;
    }

    /** @return the context given to the connector (its request counts); opens the connector if needed */
    public HostContext context() {
        connector();
        return context;
    }

    /** @return the connector's resource sync, or a usage error when the plugin offers none */
    public ResourceSync resourceSync() {
        return connector().resourceSync().orElseThrow(() -> missing("resource sync"));
    }

    /** @return the connector's reports, or a usage error when the plugin offers none */
    public Reports reports() {
        return connector().reports().orElseThrow(() -> missing("reports"));
    }

    /** @return the connector's provisioning, or a usage error when the plugin offers none */
    public Provisioning provisioning() {
        return connector().provisioning().orElseThrow(() -> missing("provisioning"));
    }

    private HostException missing(String capability) {
        return new HostException(ExitCode.USAGE, "plugin '" + plugin.id() + "' does not offer " + capability
                + " (it offers " + plugin.descriptor().capabilities() + ")");
    }

    /**
     * Waits for a plugin call, turning its failure into a {@link HostException} with the right exit code and a
     * masked message.
     *
     * @param stage the call
     * @param what  what it was, for messages (e.g. "check()")
     * @param <T>   its result type
     * @return its result
     */
    public <T> T await(CompletionStage<T> stage, String what) {
        try {
            T result = stage.toCompletableFuture().get();
            if (result == null) {
                throw new HostException(ExitCode.INTERNAL, "plugin '" + plugin.id() + "' answered null from " + what);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (context != null) {
                context.cancel();
            }
            throw new HostException(ExitCode.INTERRUPTED, "interrupted while waiting for " + what);
        } catch (ExecutionException | CompletionException e) {
            throw failure(e, what);
        }
    }

    /**
     * @param cause a plugin call's failure
     * @param what  the call
     * @return the host error for it
     */
    public HostException failure(Throwable cause, String what) {
        Throwable c = Futures.unwrap(cause);
        if (c instanceof HostException h) {
            return h;
        }
        if (c instanceof ConnectorException ce) {
            return new HostException(ExitCode.of(ce.kind()), config.masker().mask(ce.getMessage()), ce);
        }
        return new HostException(ExitCode.INTERNAL, config.masker().mask("plugin '" + plugin.id() + "' failed in "
                + what + ": " + c + " (a bug in the plugin)"), c);
    }

    /** @return the schema errors, masked */
    public java.util.List<SchemaError> schemaErrors() {
        return config.schemaErrors();
    }

    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
        } finally {
            catalog.close();
        }
    }


    private static com.fasterxml.jackson.databind.JsonNode schemaNode(String schema, String pluginId) {
        try {
            return dev.plugboard.host.json.Json.read(schema);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HostException(ExitCode.INTERNAL, "plugin '" + pluginId + "' config schema is not JSON (a bug in"
                    + " the plugin)", e);
        }
    }
}
