package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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
            ObjectMapper json = new ObjectMapper();
            spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(schema)));
            return ExitCode.OK.code();
        }
    }
}
