package dev.plugboard.host.cli;

import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.SpiVersion;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plugboard reports}: the reports a plugin offers, with their parameters and columns. */
@Command(name = "reports", mixinStandardHelpOptions = true,
        description = {"List a plugin's reports: id, title, description, parameters and columns.",
            "Needs no configuration when the plugin names its reports itself (the Sentry plugin does)."})
final class ReportsCommand extends ConnectorCommand {
    @Mixin
    private JsonOption json;

    @Override
    protected String operation() {
        return "reports";
    }

    private Optional<String> whyConfig = Optional.empty();

    /** Without --config, from the provider when it names its reports itself (SPI 1.1): no configuration needed. */
    @Override
    protected Optional<Integer> runWithoutConfig(LoadedPlugin plugin) {
        if (!plugin.descriptor().offers(Capability.REPORTS)) {
            throw new HostException(ExitCode.USAGE, "plugin '" + plugin.id() + "' does not offer reports (it offers "
                    + plugin.descriptor().capabilities() + ")");
        }
        Optional<List<ReportDefinition>> definitions = plugin.reportDefinitions();
        if (definitions.isPresent()) {
            return Optional.of(print(plugin.id(), definitions.get()));
        }
        SpiVersion built = plugin.descriptor().spiVersion();
        whyConfig = Optional.of("plugin '" + plugin.id() + "' " + (built.compareTo(new SpiVersion(1, 1)) < 0
                ? "was built against SPI " + built + ", so it " : "") + "lists its reports only from a connector,"
                + " which needs a configuration");
        return Optional.empty();
    }

    @Override
    protected Optional<String> whyConfigIsNeeded() {
        return whyConfig;
    }

    @Override
    protected int run(ConnectorSession session) {
        return print(session.plugin().id(), session.reports().definitions());
    }

    private int print(String pluginId, List<ReportDefinition> definitions) {
        PrintWriter out = out();
        if (json.enabled()) {
            JsonOption.print(out, toJson(definitions));
            return ExitCode.OK.code();
        }
        boolean first = true;
        for (ReportDefinition d : definitions) {
            if (!first) {
                out.println();
            }
            first = false;
            out.println(d.id() + "  " + d.title());
            if (!d.description().isBlank()) {
                out.println("  " + d.description());
            }
            List<String> params = ReportParameters.describe(d);
            out.println("  parameters:" + (params.isEmpty() ? " none" : ""));
            params.forEach(p -> out.println("    " + p));
            out.println("  columns: " + d.columns().stream().map(c -> c.name() + " " + c.type())
                    .collect(Collectors.joining(", ")));
            out.println("  fetched: " + d.incremental().map(i -> "incremental, cursor " + i.cursorColumn()
                    + ", key " + String.join("+", i.primaryKey()) + (i.rowsChange() ? ", rows change" : "")
                    + i.retention().map(r -> ", kept " + r.toDays() + " days").orElse(""))
                    .orElse("full refresh (every run reads the whole report)"));
        }
        if (definitions.isEmpty()) {
            out.println("plugin '" + pluginId + "' offers no reports");
        }
        out.flush();
        return ExitCode.OK.code();
    }

    /** {@code {"reports": [{"id", "title", "description", "parameters": <schema>, "columns": [{"name", "type", "description"}]}]}} */
    private static com.fasterxml.jackson.databind.node.ObjectNode toJson(List<ReportDefinition> definitions) {
        com.fasterxml.jackson.databind.node.ObjectNode root = dev.plugboard.host.json.Json.object();
        com.fasterxml.jackson.databind.node.ArrayNode reports = root.putArray("reports");
        for (ReportDefinition d : definitions) {
            com.fasterxml.jackson.databind.node.ObjectNode r = reports.addObject();
            r.put("id", d.id());
            r.put("title", d.title());
            r.put("description", d.description());
            try {
                r.set("parameters", dev.plugboard.host.json.Json.read(d.parametersSchema()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new HostException(ExitCode.INTERNAL, "report '" + d.id() + "' has a parameter schema that is"
                        + " not JSON (a bug in the plugin)", e);
            }
            com.fasterxml.jackson.databind.node.ArrayNode columns = r.putArray("columns");
            d.columns().forEach(c -> columns.addObject().put("name", c.name()).put("type", c.type().name())
                    .put("description", c.description()));
        }
        return root;
    }
}
