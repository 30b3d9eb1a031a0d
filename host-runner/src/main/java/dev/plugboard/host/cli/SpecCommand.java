package dev.plugboard.host.cli;

import dev.plugboard.host.json.Json;
import dev.plugboard.host.plugin.PluginCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plugboard spec <plugin>}: the plugin's configuration JSON Schema. */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = "Print a plugin's configuration JSON Schema (draft 2020-12).")
final class SpecCommand implements Callable<Integer> {
    @ParentCommand
    private PlugboardCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN", description = "The plugin id.")
    private String plugin;

    @Override
    public Integer call() throws Exception {
        try (PluginCatalog catalog = root.loadPlugins()) {
            String schema = ConnectorSession.find(root, catalog, plugin).descriptor().configSchema();
            spec.commandLine().getOut().println(Json.pretty(Json.read(schema)));
            return ExitCode.OK.code();
        }
    }
}
