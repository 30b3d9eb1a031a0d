package dev.plugboard.host.cli;

import dev.plugboard.host.output.Plurals;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.config.ConfigException;
import dev.plugboard.host.config.ConfigLoader;
import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.report.ParameterException;
import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plugboard report}: run one report and stream its rows as CSV or JSON Lines. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run a report and write its rows as CSV (default) or JSON Lines.",
            "Parameters are checked against the report's schema before any call ('plugboard reports' lists them)."})
final class ReportCommand extends ConnectorCommand {
    @Parameters(index = "1", paramLabel = "REPORT", description = "The report id, as 'plugboard reports' lists it.")
    private String report;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", mapFallbackValue = Assignments.NO_VALUE,
            description = "A parameter; lists are comma-separated. Repeatable; applied over --params.")
    private Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--params", paramLabel = "FILE", description = "Parameters as a JSON or YAML object.")
    private Path paramsFile;

    @Mixin
    private TableOutputOptions output;

    private TableWriter.Format tableFormat;

    @Override
    protected boolean namesItsTargets() {
        return true;
    }

    @Override
    protected String operation() {
        return "report " + report;
    }

    private Optional<Path> file = Optional.empty();

    @Override
    protected void checkOptions() {
        tableFormat = output.format();
        file = output.out(options().config().orElse(null), paramsFile);
    }

    @Override
    protected int run(ConnectorSession session) {
        Path out = file.orElse(null);
        // Connectors own retries (ErrorKind): a failure that reaches the host is final for this run.
        Retrier retrier = Retrier.none();
        ReportRunner runner = new ReportRunner(session.plugin().id(), session.reports(), retrier);
        ReportDefinition definition;
        try {
            definition = runner.definition(report);
        } catch (IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage(), e);
        }
        Map<String, Object> parameters = parameters(definition);
        List<String> columns = definition.columns().stream().map(Column::name).toList();
        Set<String> jsonColumns = definition.columns().stream()
                .filter(c -> c.type() == ColumnType.JSON).map(Column::name).collect(Collectors.toSet());
        try (OutputTarget target = TableOutputOptions.open(out(), file)) {
            long rows;
            try (TableWriter writer = TableWriter.open(tableFormat, target.writer(), columns, jsonColumns,
                    output.cells())) {
                rows = runner.run(definition, parameters, writer);
            }
            target.commit();
            if (out != null) {
                err().println("wrote " + Plurals.of(rows, "row") + " of report " + report + " to " + out);
            }
            return ExitCode.OK.code();
        } catch (IOException e) {
            throw new HostException(ExitCode.OUTPUT, "cannot write " + (out == null ? "the report" : out) + ": "
                    + SyncCommand.describe(e), e);
        }
    }

    private Map<String, Object> parameters(ReportDefinition definition) {
        Optional<JsonNode> document = Optional.empty();
        if (paramsFile != null) {
            try {
                document = Optional.of(new ConfigLoader().load(paramsFile));
            } catch (ConfigException e) {
                throw new HostException(ExitCode.INVALID_CONFIG, "--params: " + e.getMessage(), e);
            }
        }
        Assignments.check(params, written -> "--param " + written + ": write it as NAME=VALUE (e.g. --param limit=10)");
        try {
            return ReportParameters.resolve(definition, document, params);
        } catch (ParameterException e) {
            throw new HostException(e.errors().isEmpty() ? ExitCode.USAGE : ExitCode.INVALID_CONFIG, e.getMessage(), e);
        }
    }
}
