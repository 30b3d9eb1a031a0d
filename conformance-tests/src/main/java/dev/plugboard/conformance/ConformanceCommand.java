package dev.plugboard.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.cli.CommandExtension;
import dev.plugboard.host.cli.ExitCode;
import dev.plugboard.host.cli.HostException;
import dev.plugboard.host.cli.PlugboardCommand;
import dev.plugboard.host.config.ConfigException;
import dev.plugboard.host.config.ConfigLoader;
import dev.plugboard.host.config.SecretFields;
import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.spi.ResourceRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard conformance <plugin> --config FILE [--bad-config FILE]...}: runs the conformance suite against
 * an installed plugin and prints a pass/fail table. Exit 0 when every check passes (skipped checks allowed), 1 when
 * a check fails, 2 for bad usage (unknown plugin), 3 when a config file cannot be read or resolved.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Run the conformance suite against an installed plugin and print a pass/fail table.",
            "The plugin is loaded from its jar the way every command loads it; --config must work against a live",
            "or simulated backend. Exits 0 when every check passes, 1 when a check fails."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every check passed (skipped checks do not count)",
            " 1:at least one check failed: the plugin does not conform",
            " 2:usage error (unknown plugin, bad arguments), or an input a check found wrong (INPUT lines)",
            " 3:a config file cannot be read or its references resolved"
        })
public final class ConformanceCommand implements Callable<Integer>, CommandExtension {
    @ParentCommand
    private PlugboardCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PLUGIN", description = "The plugin id, as 'plugboard plugins' lists it.")
    private String plugin;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "A working configuration (JSON or YAML; may use $${env:NAME} and $${file:PATH}).")
    private Path config;

    @Option(names = "--bad-config", paramLabel = "FILE",
            description = "A configuration the plugin must reject (schema, open() or check()); repeatable.")
    private List<Path> badConfigs = new ArrayList<>();

    @Option(names = "--bad-credential", paramLabel = "FILE",
            description = "A valid configuration whose credential the system refuses: check() must say so.")
    private Path badCredential;

    @Option(names = "--report-params", paramLabel = "REPORT=FILE",
            description = "Parameters (a JSON or YAML file) to run a report with; repeatable. Others run with {}.")
    private Map<String, Path> reportParams = new LinkedHashMap<>();

    @Option(names = "--provision", paramLabel = "ENTITLEMENT_ID=TYPE:ID",
            description = "Round-trip provisioning: grant this entitlement to this principal, then revoke it."
                    + " Changes the remote system; the principal must not hold it yet.")
    private String provision;

    /** For picocli and the service loader. */
    public ConformanceCommand() {
    }

    @Override
    public Integer call() {
        ConfigLoader loader = new ConfigLoader();
        Path jar;
        String id;
        try (PluginCatalog catalog = root.loadPlugins()) {
            LoadedPlugin found = catalog.find(plugin).orElseThrow(() -> new HostException(ExitCode.USAGE,
                    "no plugin '" + plugin + "' in " + root.options().pluginsDir()
                            + (catalog.plugins().isEmpty() ? " (it holds no loadable plugin)"
                            : "; installed: " + String.join(", ", catalog.ids()))
                            + catalog.failures().stream().map(f -> "\n  " + f.jar().getFileName() + ": " + f.reason())
                            .collect(Collectors.joining())
                            + "\nSet the folder with --plugins DIR or PLUGBOARD_PLUGINS."));
            jar = found.jar();
            id = found.id();
            ObjectNode working = load(loader, config);
            root.useMasker(SecretMasker.of(working, SecretFields.declared(
                    Json.object(found.descriptor().configSchema(), "the config schema"))));
        }
        ConformanceFixture.Builder fixture = ConformanceFixture.builder(jar, Json.text(load(loader, config)))
                .pluginId(id).inputs(FixtureInputs.COMMAND_LINE);
        for (Path bad : badConfigs) {
            fixture.badConfig(bad.toString(), Json.text(load(loader, bad)));
        }
        if (badCredential != null) {
            fixture.badCredential(Json.text(load(loader, badCredential)));
        }
        reportParams.forEach((report, file) -> fixture.reportParameters(report, Json.text(load(loader, file))));
        if (provision != null) {
            int eq = provision.lastIndexOf('=');
            if (eq <= 0) {
                throw new HostException(ExitCode.USAGE, "--provision takes ENTITLEMENT_ID=TYPE:ID, e.g."
                        + " team:7:member=user:42; got '" + provision + "'");
            }
            try {
                fixture.provisioning(provision.substring(0, eq), ResourceRef.parse(provision.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new HostException(ExitCode.USAGE, "--provision: " + e.getMessage());
            }
        }
        ConformanceReport report = ConformanceRunner.run(fixture.build());
        print(spec.commandLine().getOut(), id, jar, report);
        return !report.failures().isEmpty() ? ExitCode.INTERNAL.code()
                : !report.wrongInputs().isEmpty() ? ExitCode.USAGE.code() : ExitCode.OK.code();
    }

    private static ObjectNode load(ConfigLoader loader, Path file) {
        try {
            return loader.load(file);
        } catch (ConfigException e) {
            throw new HostException(ExitCode.INVALID_CONFIG, e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, String id, Path jar, ConformanceReport report) {
        out.println("Conformance of plugin '" + id + "' (" + jar.getFileName() + "): "
                + report.count(CheckOutcome.Status.PASSED) + " passed, "
                + report.count(CheckOutcome.Status.FAILED) + " failed, "
                + report.count(CheckOutcome.Status.SKIPPED) + " skipped"
                + (report.wrongInputs().isEmpty() ? "" : ", " + report.wrongInputs().size() + " not judged (wrong"
                + " input)"));
        out.println();
        for (CheckOutcome c : report.checks()) {
            String status = switch (c.status()) {
                case PASSED -> "PASS";
                case FAILED -> "FAIL";
                case SKIPPED -> "SKIP";
                case WRONG_INPUT -> "INPUT";
            };
            out.println(String.format("  %-5s %s", status, c.name()));
            if (!c.message().isEmpty()) {
                for (String line : c.message().split("\n")) {
                    out.println("        " + line);
                }
            }
        }
        out.println();
        if (!report.failures().isEmpty()) {
            out.println("does not conform: fix the FAIL lines above");
        }
        if (!report.wrongInputs().isEmpty()) {
            out.println("wrong input: fix the options named on the INPUT lines above (those checks could not judge"
                    + " the plugin)");
        }
        if (report.passed()) {
            out.println("conforms");
        }
        out.flush();
    }
}
