package dev.plugboard.host.cli;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.host.plugin.PluginLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The root {@code plugboard} command: global options and the list of subcommands. */
@Command(name = "plugboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs Plugboard connector plugins: validate config, sync identities and access, run reports,"
                + " grant and revoke.",
        subcommands = {
            PluginsCommand.class,
            SpecCommand.class,
            ValidateCommand.class,
            GrantCommand.class,
            RevokeCommand.class,
            LeasesCommand.class,
            ExpireCommand.class,
            AccountCommand.class,
            SyncCommand.class, SyncsCommand.class, DiffCommand.class, AccessCommand.class, TimelineCommand.class,
            StoreCommand.class, ReviewCommand.class, ReportsCommand.class, ReportCommand.class,
            HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success",
            " 1:internal error (a bug in the host or a plugin)",
            " 2:usage error (bad arguments, unknown plugin or report)",
            " 3:invalid configuration or parameters",
            " 4:authentication or permission failure",
            " 5:remote failure (unavailable, rate limited, not found, refused)",
            " 6:the output could not be written (disk full, unwritable folder, another run writing it)",
            " 7:store failure (not a store, damaged, read-only, newer version, PostgreSQL down or refusing the login)",
            " 8:busy: a sync of the same connection is already running",
            " 9:expire: a lease past its end did not end (listed)",
            "10:accepted, but pending a person's action (access request, invitation)",
            "130:interrupted"
        })
public final class PlugboardCommand implements Runnable {

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            defaultValue = "${env:PLUGBOARD_PLUGINS:-./plugins}",
            description = "Folder of plugin jars (default: $PLUGBOARD_PLUGINS, else ./plugins).")
    private Path pluginsDir;

    @Option(names = "--plugin-timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT, defaultValue = "600",
            description = "Deadline of one call into a plugin (default: 600); loading a plugin jar gets at most 20.")
    private long pluginTimeoutSeconds;

    @Spec
    private CommandSpec spec;

    private final AtomicReference<SecretMasker> masker = new AtomicReference<>(SecretMasker.none());

    private final java.time.Clock clock;

    /** The command on the system clock (UTC). */
    public PlugboardCommand() {
        this(java.time.Clock.systemUTC());
    }

    /** @param clock the clock every command and connector reads time from (tests move it instead of sleeping) */
    public PlugboardCommand(java.time.Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** @return the clock commands and connectors read time from */
    public java.time.Clock clock() {
        return clock;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: try 'plugboard plugins', or 'plugboard help' for all commands");
    }

    /** @return the global options */
    public HostOptions options() {
        return new HostOptions(pluginsDir);
    }

    /**
     * Loads the plugins folder.
     *
     * @return the catalog; close it when done
     */
    public PluginCatalog loadPlugins() {
        if (!java.nio.file.Files.isDirectory(pluginsDir)) {
            String what = java.nio.file.Files.exists(pluginsDir) ? "is not a folder" : "does not exist";
            throw new HostException(ExitCode.USAGE, "the plugins folder " + pluginsDir + " " + what + " (from "
                    + pluginsSource() + "): point --plugins DIR or PLUGBOARD_PLUGINS at the folder of plugin jars");
        }
        try {
            if (pluginTimeoutSeconds < 1) {
                throw new HostException(ExitCode.USAGE, "--plugin-timeout must be at least 1 second, got "
                        + pluginTimeoutSeconds);
            }
            return new PluginLoader(dev.plugboard.spi.SpiVersion.current(),
                    java.time.Duration.ofSeconds(pluginTimeoutSeconds)).load(pluginsDir);
        } catch (IOException e) {
            throw new HostException(ExitCode.USAGE, "cannot list the plugins folder " + pluginsDir + ": " + e.getMessage(), e);
        }
    }

    private String pluginsSource() {
        if (spec.commandLine().getParseResult() != null && matched(spec.commandLine().getParseResult())) {
            return "--plugins";
        }
        return System.getenv("PLUGBOARD_PLUGINS") != null ? "PLUGBOARD_PLUGINS" : "the default, ./plugins";
    }

    private static boolean matched(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--plugins")) {
                return true;
            }
        }
        return false;
    }

    /** @return the masker of the configuration in use (none before a config is loaded) */
    public SecretMasker masker() {
        return masker.get();
    }

    /** @param current the masker of the configuration now in use, so every error message is masked */
    public void useMasker(SecretMasker current) {
        masker.set(current);
    }
}
