package dev.plugboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.config.SecretFields;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Conformance checks of the plugin's configuration: its JSON Schema (valid, documented, secrets marked), validation
 * (the working config passes; missing, mistyped and the fixture's bad configs fail) and {@code check()} (passes on
 * the working config, reports a bad credential as error findings, never echoes a secret).
 */
public interface ConfigChecks extends ConformanceChecks {
    @Test
    @Order(200)
    @DisplayName("config schema: a valid JSON Schema 2020-12 for an object")
    default void configSchemaIsValid(SuiteRun run) {
        ObjectNode schema = run.session().schema();
        Problems problems = new Problems();
        SchemaValidator.metaSchemaErrors(schema)
                .forEach(e -> problems.add("at " + (e.pointer().isEmpty() ? "/" : e.pointer()) + ": " + e.message()));
        String schema2020 = "https://json-schema.org/draft/2020-12/schema";
        JsonNode declared = schema.path("$schema");
        if (!declared.isMissingNode() && !schema2020.equals(declared.asText())) {
            problems.add("$schema is '" + declared.asText() + "': use \"" + schema2020 + "\"");
        }
        if (!"object".equals(schema.path("type").asText())) {
            problems.add("the root must have \"type\": \"object\" (a configuration is one JSON object)");
        }
        problems.failIfAny("descriptor().configSchema() is not a usable JSON Schema 2020-12");
    }

    @Test
    @Order(210)
    @DisplayName("config schema: every required property is documented")
    default void requiredPropertiesAreDocumented(SuiteRun run) {
        Problems problems = new Problems();
        requireDescriptions(run.session().schema(), "", problems);
        problems.failIfAny("users read the config schema with 'plugboard spec': give every required property a"
                + " \"description\"");
    }

    private static void requireDescriptions(JsonNode schema, String at, Problems problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            JsonNode property = properties.path(name.asText());
            if (property.isMissingNode()) {
                problems.add(at + "/" + name.asText() + " is required but not declared under \"properties\"");
            } else if (property.path("description").asText("").isBlank()) {
                problems.add(at + "/" + name.asText() + " is required but has no \"description\"");
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            requireDescriptions(field.getValue(), at + "/" + field.getKey(), problems);
        }
    }

    @Test
    @Order(220)
    @DisplayName("config schema: secret properties are marked writeOnly")
    default void secretPropertiesAreMarked(SuiteRun run) {
        Problems problems = new Problems();
        for (String pointer : SecretFields.unmarked(run.session().schema())) {
            problems.add(pointer + " looks like a secret by its name but is not marked: add \"writeOnly\": true"
                    + " (and \"x-secret\": true if you like) so the host masks its value");
        }
        problems.failIfAny("the config schema does not mark every secret property");
    }


    @Test
    @Order(300)
    @DisplayName("validation: the working config passes the schema")
    default void workingConfigIsValid(SuiteRun run) {
        List<SchemaError> errors = run.session().validate(working(run));
        if (!errors.isEmpty()) {
            // the input's mistake: whether the schema itself is sound is the config schema checks' concern
            throw new WrongInputException(run.session().fixture().inputs().workingConfig() + " does not match the"
                    + " plugin's config schema (" + errors.size() + (errors.size() == 1 ? " error" : " errors")
                    + "):\n" + errors.stream().map(e -> "  - " + e).collect(java.util.stream.Collectors.joining("\n"))
                    + "\nfix it: 'plugboard spec " + run.session().descriptor().id() + "' shows the settings it takes");
        }
    }

    @Test
    @Order(310)
    @DisplayName("validation: a config missing a required property fails at its pointer")
    default void missingRequiredPropertiesFail(SuiteRun run) {
        ObjectNode schema = run.session().schema();
        Problems problems = new Problems();
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            ObjectNode config = working(run);
            config.remove(name);
            String pointer = Json.pointer(name);
            List<SchemaError> errors = run.session().validate(config);
            if (errors.stream().noneMatch(e -> e.pointer().equals(pointer))) {
                problems.add("without " + pointer + " the config "
                        + (errors.isEmpty() ? "passes" : "fails only at " + errors)
                        + "; expected an error at " + pointer);
            }
        }
        problems.failIfAny("the schema does not reject configs that lack a required property");
    }

    @Test
    @Order(320)
    @DisplayName("validation: a property of the wrong type fails at its pointer")
    default void wrongTypesFail(SuiteRun run) {
        ObjectNode schema = run.session().schema();
        Problems problems = new Problems();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Set<String> types = new HashSet<>();
            JsonNode type = field.getValue().path("type");
            if (type.isTextual()) {
                types.add(type.asText());
            } else if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                continue;
            }
            Optional<JsonNode> wrong = wrongValue(types);
            if (wrong.isEmpty()) {
                continue;
            }
            ObjectNode config = working(run);
            config.set(field.getKey(), wrong.get());
            String pointer = Json.pointer(field.getKey());
            List<SchemaError> errors = run.session().validate(config);
            if (errors.stream().noneMatch(e -> e.pointer().equals(pointer))) {
                problems.add(pointer + " set to " + wrong.get() + " (not " + types + "): the config "
                        + (errors.isEmpty() ? "passes" : "fails only at " + errors) + "; expected an error at "
                        + pointer);
            }
        }
        problems.failIfAny("the schema does not reject values of the wrong type");
    }

    private static Optional<JsonNode> wrongValue(Set<String> allowed) {
        if (!allowed.contains("string")) {
            return Optional.of(TextNode.valueOf("wrong type"));
        }
        if (!allowed.contains("integer") && !allowed.contains("number")) {
            return Optional.of(IntNode.valueOf(12345));
        }
        if (!allowed.contains("boolean")) {
            return Optional.of(BooleanNode.TRUE);
        }
        if (!allowed.contains("array")) {
            return Optional.of(Json.array());
        }
        return Optional.empty();
    }

    @Test
    @Order(330)
    @DisplayName("validation: the fixture's bad configs are rejected")
    default void badConfigsAreRejected(SuiteRun run) {
        List<BadConfig> bad = run.session().fixture().badConfigs();
        Assumptions.assumeFalse(bad.isEmpty(), run.session().fixture().inputs().noBadConfig());
        Problems problems = new Problems();
        for (BadConfig b : bad) {
            ObjectNode config = Json.object(b.json(), "bad config '" + b.description() + "'");
            List<SchemaError> errors = run.session().validate(config);
            if (!errors.isEmpty()) {
                continue;
            }
            Connector c;
            try {
                c = run.session().open(b.json());
            } catch (ConformanceSession.CallFailure e) {
                if (!(e.getCause() instanceof dev.plugboard.spi.ConnectorException)) {
                    problems.add("bad config '" + b.description() + "': " + e.getMessage()
                            + "; open() must reject a config with a ConnectorException of kind CONFIG");
                }
                continue;
            }
            try (c) {
                CheckResult result = run.session().await(c.check(), "check()");
                run.session().transcript().add("check() findings", result.findings());
                if (result.ok()) {
                    problems.add("bad config '" + b.description() + "' was accepted: it matches the schema, open()"
                            + " succeeded and check() found no error (findings: " + result.findings() + ")");
                }
            } catch (ConformanceSession.CallFailure e) {
                problems.add("bad config '" + b.description() + "': " + e.getMessage()
                        + "; check() must report problems as error findings, never fail its stage");
            }
        }
        problems.failIfAny("a bad config must fail validation: a schema error, a ConnectorException from open(),"
                + " or an error finding from check()");
    }


    @Test
    @Order(400)
    @DisplayName("check(): passes on the working config")
    default void checkPassesOnWorkingConfig(SuiteRun run) {
        CheckResult result;
        try (Connector c = run.session().openWorking()) {
            result = run.session().await(c.check(), "check()");
        } catch (ConformanceSession.CallFailure e) {
            throw new AssertionFailedError(e.getMessage() + ": check() must answer findings, never fail its stage",
                    e);
        }
        run.session().transcript().add("check() findings", result.findings());
        Problems problems = new Problems();
        result.errors().forEach(f -> problems.add(f.code() + ": " + f.message()));
        problems.failIfAny("check() reports errors on the fixture's working config");
    }

    @Test
    @Order(410)
    @DisplayName("check(): a bad credential gives error findings, without throwing")
    default void checkReportsBadCredential(SuiteRun run) {
        Optional<String> bad = run.session().fixture().badCredential();
        FixtureInputs inputs = run.session().fixture().inputs();
        Assumptions.assumeTrue(bad.isPresent(), inputs.noBadCredential());
        List<SchemaError> errors = run.session().validate(Json.object(bad.get(), "the bad-credential config"));
        if (!errors.isEmpty()) {
            throw new WrongInputException(inputs.badCredential() + " does not match the plugin's config schema "
                    + errors + ": it must be valid except for the credential the backend refuses");
        }
        CheckResult result;
        try (Connector c = run.session().open(bad.get())) {
            result = run.session().await(c.check(), "check() with a bad credential");
        } catch (ConformanceSession.CallFailure e) {
            throw new AssertionFailedError(e.getMessage() + ": a refused credential is a finding (e.g. "
                    + "Finding.error(\"auth.invalid-token\", ...)), not a failed stage or an exception", e);
        }
        run.session().transcript().add("check() findings (bad credential)", result.findings());
        if (result.ok()) {
            throw new AssertionFailedError("check() with a bad credential found no error (findings: "
                    + result.findings() + "): it must contact the system and report the refused credential as an"
                    + " ERROR finding");
        }
    }

    @Test
    @Order(420)
    @DisplayName("check(): findings never echo a secret")
    default void checkNeverEchoesSecrets(SuiteRun run) {
        Set<String> secrets = run.session().secrets();
        Problems problems = new Problems();
        List<String> configs = new ArrayList<>(List.of(run.session().fixture().workingConfig()));
        run.session().fixture().badCredential().ifPresent(configs::add);
        for (String config : configs) {
            try (Connector c = run.session().open(config)) {
                CheckResult result = run.session().await(c.check(), "check()");
                Transcript findings = new Transcript();
                for (Finding f : result.findings()) {
                    findings.add("finding " + f.code(), f.message());
                    findings.add("finding code", f.code());
                }
                problems.addAll(findings.leaks(secrets));
            } catch (ConformanceSession.CallFailure e) {
                Transcript failure = new Transcript();
                failure.addFailure("check() failure", e.getCause());
                problems.addAll(failure.leaks(secrets));
            }
        }
        problems.failIfAny("check() must never echo a secret: name the field, not its value");
    }

    private static ObjectNode working(SuiteRun run) {
        return Json.object(run.session().fixture().workingConfig(), "the working config");
    }
}
