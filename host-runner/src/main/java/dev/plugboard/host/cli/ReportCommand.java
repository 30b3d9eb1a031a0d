package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.config.ConfigException;
import dev.plugboard.host.config.ConfigLoader;
import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.report.ParameterException;
import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.host.runtime.Delayer;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.runtime.RetryPolicy;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ReportDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plugboard report}: run one report and stream its rows as CSV or JSON Lines. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run a report and write its rows as CSV (default) or JSON Lines.",
            "Parameters are checked against the report's schema before any call ('plugboard reports' lists them)."})
final class ReportCommand implements Callable<Integer> {
    @ParentCommand
    private PlugboardCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectorOptions options;

    @Parameters(index = "1", paramLabel = "REPORT", description = "The report id, as 'plugboard reports' lists it.")
    private String report;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A parameter; lists are comma-separated. Repeatable; applied over --params.")
    private List<String> params = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE", description = "Parameters as a JSON or YAML object.")
    private Path paramsFile;

    @picocli.CommandLine.Mixin
    private TableOutputOptions output;

    @Override
    public Integer call() {
        TableWriter.Format tableFormat = output.format();
        Path out = output.out().orElse(null);
        try (ConnectorSession session = ConnectorSession.load(root, options)) {
            Retrier retrier = new Retrier(RetryPolicy.defaults(), Delayer.system(), Math::random,
                    (what, attempt, delay, cause) -> spec.commandLine().getErr().println("retrying " + what + " in "
                            + delay.toMillis() + " ms: " + session.config().masker().mask(cause.getMessage())));
            ReportRunner runner = new ReportRunner(session.plugin().id(), session.reports(), retrier);
            ReportDefinition definition;
            try {
                definition = runner.definition(report);
            } catch (IllegalArgumentException e) {
                throw new HostException(ExitCode.USAGE, e.getMessage(), e);
            }
            Map<String, Object> parameters = parameters(definition);
            List<String> columns = definition.columns().stream().map(Column::name).toList();
            java.util.Set<String> jsonColumns = definition.columns().stream()
                    .filter(c -> c.type() == ColumnType.JSON).map(Column::name).collect(Collectors.toSet());
            try (OutputTarget target = output.open(spec.commandLine().getOut())) {
                long rows;
                try (TableWriter writer = TableWriter.open(tableFormat, target.writer(), columns, jsonColumns,
                        output.cells())) {
                    rows = runner.run(definition, parameters, writer);
                }
                target.commit();
                if (out != null) {
                    spec.commandLine().getErr().println("wrote " + rows + " rows of report " + report + " to " + out);
                }
                return ExitCode.OK.code();
            } catch (ConnectorException e) {
                throw session.failure(e, "report " + report);
            } catch (IOException e) {
                throw new HostException(ExitCode.USAGE, "cannot write " + (out == null ? "the report" : out) + ": "
                        + e.getMessage(), e);
            }
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
        try {
            return ReportParameters.resolve(definition, document, params);
        } catch (ParameterException e) {
            throw new HostException(e.errors().isEmpty() ? ExitCode.USAGE : ExitCode.INVALID_CONFIG, e.getMessage(), e);
        }
    }
}
