package dev.plugboard.host.cli;

import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.spi.ReportDefinition;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code plugboard reports}: the reports a plugin offers, with their parameters and columns. */
@Command(name = "reports", mixinStandardHelpOptions = true,
        description = "List a plugin's reports: id, title, description, parameters and columns.")
final class ReportsCommand extends ConnectorCommand {
    @Override
    protected String operation() {
        return "reports";
    }

    @Override
    protected int run(ConnectorSession session) {
        PrintWriter out = out();
        List<ReportDefinition> definitions = session.reports().definitions();
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
        }
        if (definitions.isEmpty()) {
            out.println("plugin '" + session.plugin().id() + "' offers no reports");
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
