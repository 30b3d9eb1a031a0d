package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.config.ValidationReport;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Finding;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plugboard validate <plugin> --config FILE}: the config against the plugin's schema (every error with its
 * JSON pointer), then the plugin's {@code check()} against the live system unless {@code --offline}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a configuration against the plugin's schema, then with the plugin's check().",
            "Every schema error is shown with its JSON pointer; check() contacts the live system unless --offline.",
            "Exits 0 only when valid, 3 when not."})
final class ValidateCommand extends ConnectorCommand {
    @Option(names = "--offline", description = "Only check the schema; do not contact the remote system.")
    private boolean offline;

    @Mixin
    private JsonOption json;

    @Override
    protected String operation() {
        return "check()";
    }

    @Override
    protected boolean needsValidConfig() {
        return false;
    }

    @Override
    protected int run(ConnectorSession session) {
        List<SchemaError> schemaErrors = session.schemaErrors();
        List<Finding> findings = List.of();
        boolean checked = false;
        if (schemaErrors.isEmpty() && !offline) {
            CheckResult result = session.await(session.connector().check(), "check()");
            SecretMasker masker = session.config().masker();
            findings = result.findings().stream()
                    .map(f -> new Finding(f.severity(), f.code(), masker.mask(f.message())))
                    .toList();
            checked = true;
        }
        ValidationReport report = new ValidationReport(options().plugin(), options().configSource(),
                schemaErrors, checked, findings);
        if (json.enabled()) {
            JsonOption.print(out(), toJson(report));
        } else {
            print(out(), report, offline);
        }
        return report.valid() ? ExitCode.OK.code() : ExitCode.INVALID_CONFIG.code();
    }

    private static void print(PrintWriter out, ValidationReport report, boolean offline) {
        String subject = "config " + report.configFile() + " for plugin '" + report.pluginId() + "'";
        if (!report.schemaErrors().isEmpty()) {
            out.println(subject + ": " + count(report.schemaErrors().size(), "schema error"));
            for (SchemaError e : report.schemaErrors()) {
                out.println("  " + e);
            }
            out.println("Fix these, then run validate again ('plugboard spec " + report.pluginId()
                    + "' shows every setting).");
            return;
        }
        out.println(subject + ": matches the schema");
        if (!report.checked()) {
            out.println(offline ? "check() skipped (--offline)" : "check() not run");
        } else {
            long errors = report.findings().stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
            out.println("check(): " + count(report.findings().size(), "finding") + ", " + count((int) errors, "error"));
            for (Finding f : report.findings()) {
                out.println(String.format("  %-7s %s: %s", f.severity().name().toLowerCase(Locale.ROOT), f.code(),
                        f.message()));
            }
        }
        out.println(report.valid() ? "valid" : "invalid: " + count(report.errorCount(), "error"));
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static ObjectNode toJson(ValidationReport report) {
        ObjectNode root = Json.object();
        root.put("plugin", report.pluginId());
        root.put("config", report.configFile());
        root.put("valid", report.valid());
        root.put("errorCount", report.errorCount());
        ArrayNode errors = root.putArray("schemaErrors");
        for (SchemaError e : report.schemaErrors()) {
            errors.addObject().put("pointer", e.pointer()).put("message", e.message());
        }
        root.put("checked", report.checked());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            findings.addObject().put("severity", f.severity().name()).put("code", f.code()).put("message", f.message());
        }
        return root;
    }
}
