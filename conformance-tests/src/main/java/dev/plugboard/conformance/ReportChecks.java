package dev.plugboard.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.report.RowCheck;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Conformance checks of the plugin's reports: valid parameter schemas, and rows that pass the report runner's own
 * row check ({@link RowCheck}). Skipped when the plugin does not declare {@code REPORTS}.
 */
public interface ReportChecks extends ConformanceChecks {
    private static List<ReportDefinition> definitions(SuiteRun run, Connector c) {
        Assumptions.assumeTrue(run.session().descriptor().offers(Capability.REPORTS),
                "the plugin does not declare REPORTS");
        Reports reports = c.reports().orElseThrow(() -> new AssertionFailedError(
                "the plugin declares REPORTS but connector.reports() is empty"));
        return reports.definitions();
    }

    @Test
    @Order(600)
    @DisplayName("reports: parameter schemas are valid JSON Schema 2020-12")
    default void reportParameterSchemasAreValid(SuiteRun run) {
        Problems problems = new Problems();
        try (Connector c = run.session().openWorking()) {
            Set<String> ids = new HashSet<>();
            for (ReportDefinition d : definitions(run, c)) {
                if (!ids.add(d.id())) {
                    problems.add("report id '" + d.id() + "' is defined twice");
                }
                try {
                    ObjectNode schema = Json.object(d.parametersSchema(), "parametersSchema");
                    SchemaValidator.metaSchemaErrors(schema).forEach(e -> problems.add("report " + d.id() + " at "
                            + (e.pointer().isEmpty() ? "/" : e.pointer()) + ": " + e.message()));
                    if (!"object".equals(schema.path("type").asText())) {
                        problems.add("report " + d.id() + ": the parameters schema must have \"type\": \"object\"");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("report " + d.id() + ": " + e.getMessage());
                }
            }
        }
        problems.failIfAny("ReportDefinition.parametersSchema() must be a JSON Schema 2020-12 for an object");
    }

    @Test
    @Order(605)
    @DisplayName("reports: the provider's definitions, when it gives them, equal the connector's")
    default void providerDefinitionsEqualTheConnectors(SuiteRun run) {
        Optional<List<ReportDefinition>> named = run.session().plugin().reportDefinitions();
        if (!run.session().descriptor().offers(Capability.REPORTS)) {
            if (named.isPresent() && !named.get().isEmpty()) {
                throw new AssertionFailedError("ConnectorProvider.reportDefinitions() names "
                        + named.get().stream().map(ReportDefinition::id).toList() + " but the plugin does not"
                        + " declare REPORTS: declare it, or answer Optional.empty()");
            }
            Assumptions.abort("the plugin does not declare REPORTS");
        }
        Assumptions.assumeTrue(named.isPresent(), "the provider does not name its reports without a connector"
                + " (optional since SPI 1.1: ConnectorProvider.reportDefinitions() lets 'plugboard reports' list"
                + " them with no configuration)");
        List<ReportDefinition> opened;
        try (Connector c = run.session().openWorking()) {
            opened = definitions(run, c);
        }
        if (named.get().equals(opened)) {
            return;
        }
        Problems problems = new Problems();
        List<String> namedIds = named.get().stream().map(ReportDefinition::id).toList();
        List<String> openedIds = opened.stream().map(ReportDefinition::id).toList();
        if (!namedIds.equals(openedIds)) {
            problems.add("the provider names " + namedIds + ", the connector " + openedIds);
        }
        for (ReportDefinition d : named.get()) {
            opened.stream().filter(o -> o.id().equals(d.id()) && !o.equals(d)).findFirst().ifPresent(o -> problems.add(
                    "report " + d.id() + " differs: the provider's is " + Problems.shorten(d.toString(), 300)
                            + "; the connector's is " + Problems.shorten(o.toString(), 300)));
        }
        problems.failIfAny("ConnectorProvider.reportDefinitions() must equal Reports.definitions() of an open"
                + " connector, in the same order");
    }

    @Test
    @Order(610)
    @DisplayName("reports: rows have exactly the declared columns and types")
    default void reportRowsMatchColumns(SuiteRun run) {
        Problems problems = new Problems();
        List<String> wrongInputs = new ArrayList<>();
        List<String> unchecked = new java.util.ArrayList<>();
        FixtureInputs inputs = run.session().fixture().inputs();
        int definitionCount;
        try (Connector c = run.session().openWorking()) {
            List<ReportDefinition> definitions = definitions(run, c);
            definitionCount = definitions.size();
            List<String> ids = definitions.stream().map(ReportDefinition::id).toList();
            run.session().fixture().reportParameters().keySet().stream().sorted().filter(id -> !ids.contains(id))
                    .forEach(id -> wrongInputs.add(inputs.reportParameters(id) + ": the plugin has no report '" + id
                            + "'; its reports: " + String.join(", ", ids)));
            Reports reports = c.reports().orElseThrow();
            for (ReportDefinition d : definitions) {
                if (!checkRows(run, reports, d, problems, wrongInputs)) {
                    unchecked.add(d.id());
                }
            }
        }
        wrongInputs.forEach(w -> problems.note("(and a wrong input: " + w + ")"));
        problems.failIfAny("report rows must have exactly the report's columns, each value of its column's type"
                + " (ColumnType.accepts) or null");
        if (!wrongInputs.isEmpty()) {
            throw new WrongInputException(String.join("\n", wrongInputs));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(unchecked.size() < definitionCount, "no report could be run:"
                + " each needs parameters that were not given (" + String.join(", ", unchecked) + "); "
                + inputs.howToGiveReportParameters());
    }

    /** @return whether the report was run; false when it needs parameters the fixture does not supply */
    private static boolean checkRows(SuiteRun run, Reports reports, ReportDefinition d, Problems problems,
                                     List<String> wrongInputs) {
        Optional<String> supplied = Optional.ofNullable(run.session().fixture().reportParameters().get(d.id()));
        String paramsJson = supplied.orElse("{}");
        ObjectNode params = Json.object(paramsJson, "parameters of report " + d.id());
        try {
            List<SchemaError> errors = SchemaValidator.compile(d.parametersSchema(), "report " + d.id())
                    .validate(params);
            if (!errors.isEmpty() && supplied.isEmpty()) {
                return false; // it has required parameters and the fixture gives none: not this check's concern
            }
            if (!errors.isEmpty()) {
                wrongInputs.add(run.session().fixture().inputs().reportParameters(d.id()) + ": the parameters "
                        + paramsJson + " do not match the report's schema " + errors + "; 'plugboard reports "
                        + run.session().descriptor().id() + "' shows the parameters it takes");
                return true;
            }
        } catch (SchemaValidator.InvalidSchemaException e) {
            problems.add("report " + d.id() + ": " + e.getMessage());
            return true;
        }
        Optional<String> token = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= run.session().fixture().reportPages(); page++) {
            Page<Row> rows;
            try {
                rows = run.session().await(reports.run(d.id(), Json.values(params), token),
                        "report " + d.id() + " page " + page);
            } catch (ConformanceSession.CallFailure e) {
                problems.add(e.getMessage());
                return true;
            }
            int n = 0;
            for (Row row : rows.items()) {
                n++;
                run.session().transcript().add("report " + d.id() + " row", row);
                String where = "report " + d.id() + " page " + page + " row " + n;
                for (RowCheck.Problem problem : RowCheck.problems(d.columns(), row)) {
                    problems.add(where + describe(problem));
                }
            }
            if (rows.nextToken().isEmpty()) {
                return true;
            }
            if (!seen.add(rows.nextToken().get())) {
                problems.add("report " + d.id() + " handed out the page token '"
                        + Problems.shorten(rows.nextToken().get(), 60) + "' twice");
                return true;
            }
            run.session().transcript().add("report page token", rows.nextToken().get());
            token = rows.nextToken();
        }
        return true;
    }

    /** @return a row problem as the suite says it, after the row's place */
    private static String describe(RowCheck.Problem problem) {
        if (problem instanceof RowCheck.MissingColumns m) {
            return " lacks the columns " + m.names() + " (put them with a null value when empty)";
        }
        if (problem instanceof RowCheck.UndeclaredColumns u) {
            return " has undeclared columns " + u.names();
        }
        if (problem instanceof RowCheck.WrongType w) {
            return " column " + w.column().name() + " is " + w.column().type() + " but holds a "
                    + w.value().getClass().getSimpleName() + " (" + Problems.shorten(String.valueOf(w.value()), 40) + ")";
        }
        RowCheck.NotJson j = (RowCheck.NotJson) problem;
        return " column " + j.column().name() + " is JSON but holds text that is not JSON";
    }
}
