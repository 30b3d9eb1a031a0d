package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.host.plugin.PluginFailure;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.ConnectorDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plugboard plugins}: what is installed, and what failed to load and why. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the plugins in the plugins folder, and any jar that failed to load with its reason.")
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    private PlugboardCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginCatalog catalog = root.loadPlugins()) {
            if (json.enabled()) {
                JsonOption.print(out, toJson(catalog));
                return ExitCode.OK.code();
            }
            if (catalog.plugins().isEmpty() && catalog.failures().isEmpty()) {
                out.println("No plugins in " + catalog.folder().toAbsolutePath().normalize()
                        + ". Put plugin jars there, or point --plugins DIR (or PLUGBOARD_PLUGINS) at their folder.");
                return ExitCode.OK.code();
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "VERSION", "SPI", "CAPABILITIES", "JAR"});
            for (LoadedPlugin p : catalog.plugins()) {
                ConnectorDescriptor d = p.descriptor();
                rows.add(new String[] {d.id(), d.version(), d.spiVersion().toString(), capabilities(d),
                    p.jar().getFileName().toString()});
            }
            if (catalog.plugins().size() > 0) {
                printTable(out, rows);
            }
            if (!catalog.failures().isEmpty()) {
                out.println();
                out.println("Failed to load:");
                for (PluginFailure f : catalog.failures()) {
                    out.println("  " + f.jar().getFileName() + ": " + f.reason());
                }
            }
            return ExitCode.OK.code();
        }
    }

    private static String capabilities(ConnectorDescriptor d) {
        return d.capabilities().stream().sorted().map(Capability::name).map(c -> c.toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(","));
    }

    static void printTable(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static ObjectNode toJson(PluginCatalog catalog) {
        ObjectNode root = Json.object();
        root.put("folder", catalog.folder().toAbsolutePath().normalize().toString());
        ArrayNode plugins = root.putArray("plugins");
        for (LoadedPlugin p : catalog.plugins()) {
            ConnectorDescriptor d = p.descriptor();
            ObjectNode n = plugins.addObject();
            n.put("id", d.id());
            n.put("name", d.displayName());
            n.put("version", d.version());
            n.put("spiVersion", d.spiVersion().toString());
            ArrayNode caps = n.putArray("capabilities");
            d.capabilities().stream().sorted().forEach(c -> caps.add(c.name()));
            d.documentationUrl().ifPresent(u -> n.put("documentationUrl", u));
            n.put("defaultConcurrency", d.defaultConcurrency());
            n.put("jar", p.jar().toString());
        }
        ArrayNode failures = root.putArray("failures");
        for (PluginFailure f : catalog.failures()) {
            failures.addObject().put("jar", f.jar().toString()).put("reason", f.reason());
        }
        return root;
    }
}
