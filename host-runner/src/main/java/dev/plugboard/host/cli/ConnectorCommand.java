package dev.plugboard.host.cli;

import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every command that opens one plugin's connector ({@code <plugin> --config FILE [--concurrency N]}):
 * {@link #checkOptions()} first, then the plugin is loaded and its configuration resolved and validated, then
 * {@link #run} is called with the session, and the connector and the plugins' class loaders are closed after. A
 * {@link ConnectorException} that escapes {@code run} becomes a {@link HostException} with its exit code and a masked
 * message. To add a command: extend this class, annotate it with {@code @Command}, and list it in
 * {@link PlugboardCommand}'s subcommands.
 */
public abstract class ConnectorCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectorOptions options;

    /** @return the root command: the global options and the masker of the configuration in use */
    protected final PlugboardCommand root() {
        return (PlugboardCommand) spec.root().userObject();
    }

    /** @return the plugin id, config file and concurrency given */
    protected final ConnectorOptions options() {
        return options;
    }

    /** @return where data goes (standard output) */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return where messages go (standard error) */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return what the command does, for failure messages: {@code sync}, {@code grant()}, {@code report members} */
    protected abstract String operation();

    /**
     * Checks the options that need no plugin, before anything is loaded.
     *
     * @throws HostException (usage) saying what to fix
     */
    protected void checkOptions() {
    }

    /** @return whether a configuration that breaks the plugin's schema stops the command before {@link #run} */
    protected boolean needsValidConfig() {
        return true;
    }

    /**
     * Does the command's work.
     *
     * @param session the plugin and its configuration; {@link ConnectorSession#connector()} opens the connector
     * @return the exit code
     * @throws Exception when it fails; a {@link HostException} carries its own exit code
     */
    protected abstract int run(ConnectorSession session) throws Exception;

    /**
     * Does the command's work from the plugin alone when no {@code --config} is given, before the configuration is
     * read from the environment: for what needs no connector (the reports a provider lists itself).
     *
     * @param plugin the plugin
     * @return the exit code, or empty when the command needs a connector after all
     */
    protected Optional<Integer> runWithoutConfig(LoadedPlugin plugin) {
        return Optional.empty();
    }

    /**
     * @return when {@link #runWithoutConfig} could not do without a configuration, why, put before the message of a
     *         configuration that is missing or wrong
     */
    protected Optional<String> whyConfigIsNeeded() {
        return Optional.empty();
    }

    @Override
    public final Integer call() throws Exception {
        checkOptions();
        PluginCatalog catalog = null;
        if (options.config().isEmpty()) {
            catalog = root().loadPlugins();
            try {
                Optional<Integer> done = runWithoutConfig(ConnectorSession.find(root(), catalog, options.plugin()));
                if (done.isPresent()) {
                    catalog.close();
                    return done.get();
                }
            } catch (RuntimeException e) {
                catalog.close();
                throw e;
            }
        }
        ConnectorSession loaded;
        try {
            loaded = needsValidConfig() ? ConnectorSession.load(root(), options, catalog)
                    : ConnectorSession.loadUnchecked(root(), options, catalog);
        } catch (HostException e) {
            Optional<String> why = catalog == null ? Optional.empty() : whyConfigIsNeeded();
            throw why.isEmpty() ? e : new HostException(e.exitCode(), why.get() + ": " + e.getMessage(), e);
        }
        try (ConnectorSession session = loaded) {
            try {
                return run(session);
            } catch (ConnectorException e) {
                throw rejectedInput(session.failure(e, operation()), e);
            } catch (HostException e) {
                throw e.getCause() instanceof ConnectorException c ? rejectedInput(e, c) : e;
            }
        }
    }

    /**
     * @return whether the command names what the plugin acts on (a report's parameters, an entitlement, a principal,
     *         an account's attributes): then a plugin's NOT_FOUND or INVALID_REQUEST means the input was wrong
     */
    protected boolean namesItsTargets() {
        return false;
    }

    /**
     * Input a plugin rejects (an unknown project, a bad entitlement id, an invalid {@code --set}) exits 3, as invalid
     * parameters, not 5: the remote system is fine, the command line needs fixing. During a sync the same kinds are
     * the remote system's (a listing that vanished), and keep exit code 5.
     */
    private HostException rejectedInput(HostException failure, ConnectorException cause) {
        boolean rejected = cause.kind() == ErrorKind.NOT_FOUND || cause.kind() == ErrorKind.INVALID_REQUEST;
        return namesItsTargets() && rejected ? new HostException(ExitCode.INVALID_CONFIG, failure.getMessage(), cause)
                : failure;
    }
}
