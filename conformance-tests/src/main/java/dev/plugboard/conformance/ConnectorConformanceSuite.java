package dev.plugboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.plugboard.conformance.SyncSnapshot.Kind;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.config.SecretFields;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.Finding;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.RevokeRequest;
import dev.plugboard.spi.Row;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance suite every Plugboard plugin must pass. A plugin's test extends it and supplies a
 * {@link ConformanceFixture}: the built jar, a working configuration against a backend the test controls, and
 * optionally bad configurations, a bad credential, report parameters and a grant to round-trip.
 *
 * <pre>{@code
 * class MyPluginConformanceIT extends ConnectorConformanceSuite {
 *     protected ConformanceFixture fixture() {
 *         return ConformanceFixture.builder(Path.of("target/my-plugin.jar"), Map.of("url", backend.url()))
 *                 .badConfig("unknown host", Map.of("url", "http://127.0.0.1:1"))
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>The plugin is loaded from its jar through the host's own {@link dev.plugboard.host.plugin.PluginLoader}, so it
 * is tested exactly as a host will run it. Each check is one test whose failure message says what to fix. Checks
 * of a capability the plugin does not declare are skipped. {@link #fixture()} is called once, before the first
 * check, so a subclass may start its backend in a {@code @BeforeAll} method or in {@code fixture()} itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConnectorConformanceSuite.MaskSecrets.class)
public abstract class ConnectorConformanceSuite {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,3}([-+][0-9A-Za-z.+-]+)?");
    private static final String SCHEMA_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private ConformanceSession session;
    private String setupFailure;

    /**
     * @return the fixture; called once per run of the suite
     * @throws Exception when the backend cannot be set up
     */
    protected abstract ConformanceFixture fixture() throws Exception;

    /** @return the session, created from {@link #fixture()} on first use */
    synchronized ConformanceSession session() {
        if (setupFailure != null) {
            throw new AssertionFailedError(setupFailure);
        }
        if (session == null) {
            ConformanceFixture f;
            try {
                f = fixture();
            } catch (Exception | AssertionError e) {
                setupFailure = "the conformance fixture could not be set up: " + e;
                throw new AssertionFailedError(setupFailure, e);
            }
            if (f == null) {
                setupFailure = "fixture() returned null: return a ConformanceFixture";
                throw new AssertionFailedError(setupFailure);
            }
            session = new ConformanceSession(f);
        }
        return session;
    }

    /** Closes the plugin's class loader and removes the suite's plugins folder. */
    @AfterAll
    final void closeConformanceSession() {
        synchronized (this) {
            if (session != null) {
                session.close();
            }
        }
    }

    // ---- descriptor ------------------------------------------------------------------------------------------

    @Test
    @Order(100)
    @DisplayName("descriptor: id, version and SPI version are well formed")
    final void descriptorIsWellFormed() {
        ConnectorDescriptor d = session().descriptor();
        Problems problems = new Problems();
        if (!ID.matcher(d.id()).matches()) {
            problems.add("id '" + d.id() + "' must be lower case letters, digits and dashes, starting with a letter");
        }
        if (!VERSION.matcher(d.version()).matches()) {
            problems.add("version '" + d.version() + "' must look like 1.2.3 (optionally -SNAPSHOT or +build):"
                    + " put the plugin's own version there, e.g. filtered from the pom");
        }
        SpiVersion host = SpiVersion.current();
        if (!host.canRun(d.spiVersion())) {
            problems.add("spiVersion " + d.spiVersion() + " cannot run on this host's SPI " + host
                    + ": build against connector-spi " + host);
        }
        d.documentationUrl().ifPresent(url -> {
            try {
                URI uri = URI.create(url);
                if (!uri.isAbsolute() || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                    problems.add("documentationUrl '" + url + "' must be an absolute http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add("documentationUrl '" + url + "' is not a URL: " + e.getMessage());
            }
        });
        problems.failIfAny("the descriptor of plugin '" + d.id() + "' is not well formed");
    }

    @Test
    @Order(110)
    @DisplayName("descriptor: declared capabilities are exactly those the connector offers")
    final void capabilitiesMatchConnector() {
        ConnectorDescriptor d = session().descriptor();
        Problems problems = new Problems();
        try (Connector c = session().openWorking()) {
            compare(problems, d, Capability.RESOURCE_SYNC, c.resourceSync().isPresent(), "resourceSync()");
            compare(problems, d, Capability.PROVISIONING, c.provisioning().isPresent(), "provisioning()");
            compare(problems, d, Capability.REPORTS, c.reports().isPresent(), "reports()");
        }
        problems.failIfAny("the descriptor's capabilities " + new java.util.TreeSet<>(d.capabilities())
                + " do not match what the connector exposes");
    }

    private static void compare(Problems problems, ConnectorDescriptor d, Capability capability, boolean offered,
                                String accessor) {
        if (d.offers(capability) && !offered) {
            problems.add("the descriptor declares " + capability + " but connector." + accessor + " is empty: return"
                    + " the capability from " + accessor + " or remove " + capability + " from the descriptor");
        } else if (!d.offers(capability) && offered) {
            problems.add("connector." + accessor + " is present but the descriptor does not declare " + capability
                    + ": add it to the descriptor's capabilities or return Optional.empty()");
        }
    }

    // ---- config schema ---------------------------------------------------------------------------------------

    @Test
    @Order(200)
    @DisplayName("config schema: a valid JSON Schema 2020-12 for an object")
    final void configSchemaIsValid() {
        ObjectNode schema = session().schema();
        Problems problems = new Problems();
        SchemaValidator.metaSchemaErrors(schema)
                .forEach(e -> problems.add("at " + (e.pointer().isEmpty() ? "/" : e.pointer()) + ": " + e.message()));
        JsonNode declared = schema.path("$schema");
        if (!declared.isMissingNode() && !SCHEMA_2020_12.equals(declared.asText())) {
            problems.add("$schema is '" + declared.asText() + "': use \"" + SCHEMA_2020_12 + "\"");
        }
        if (!"object".equals(schema.path("type").asText())) {
            problems.add("the root must have \"type\": \"object\" (a configuration is one JSON object)");
        }
        problems.failIfAny("descriptor().configSchema() is not a usable JSON Schema 2020-12");
    }

    @Test
    @Order(210)
    @DisplayName("config schema: every required property is documented")
    final void requiredPropertiesAreDocumented() {
        Problems problems = new Problems();
        requireDescriptions(session().schema(), "", problems);
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
    final void secretPropertiesAreMarked() {
        Problems problems = new Problems();
        for (String pointer : SecretFields.unmarked(session().schema())) {
            problems.add(pointer + " looks like a secret by its name but is not marked: add \"writeOnly\": true"
                    + " (and \"x-secret\": true if you like) so the host masks its value");
        }
        problems.failIfAny("the config schema does not mark every secret property");
    }

    // ---- validation ------------------------------------------------------------------------------------------

    @Test
    @Order(300)
    @DisplayName("validation: the working config passes the schema")
    final void workingConfigIsValid() {
        List<SchemaError> errors = session().validate(working());
        Problems problems = new Problems();
        errors.forEach(e -> problems.add(e.toString()));
        problems.failIfAny("the fixture's working config does not match the plugin's config schema (fix the fixture"
                + " or the schema)");
    }

    @Test
    @Order(310)
    @DisplayName("validation: a config missing a required property fails at its pointer")
    final void missingRequiredPropertiesFail() {
        ObjectNode schema = session().schema();
        Problems problems = new Problems();
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            ObjectNode config = working();
            config.remove(name);
            String pointer = Json.pointer(name);
            List<SchemaError> errors = session().validate(config);
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
    final void wrongTypesFail() {
        ObjectNode schema = session().schema();
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
            ObjectNode config = working();
            config.set(field.getKey(), wrong.get());
            String pointer = Json.pointer(field.getKey());
            List<SchemaError> errors = session().validate(config);
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
    final void badConfigsAreRejected() {
        List<BadConfig> bad = session().fixture().badConfigs();
        Assumptions.assumeFalse(bad.isEmpty(), "the fixture supplies no bad config");
        Problems problems = new Problems();
        for (BadConfig b : bad) {
            ObjectNode config = Json.object(b.json(), "bad config '" + b.description() + "'");
            List<SchemaError> errors = session().validate(config);
            if (!errors.isEmpty()) {
                continue;
            }
            Connector c;
            try {
                c = session().open(b.json());
            } catch (ConformanceSession.CallFailure e) {
                if (!(e.getCause() instanceof dev.plugboard.spi.ConnectorException)) {
                    problems.add("bad config '" + b.description() + "': " + e.getMessage()
                            + "; open() must reject a config with a ConnectorException of kind CONFIG");
                }
                continue;
            }
            try (c) {
                CheckResult result = session().await(c.check(), "check()");
                session().transcript().add("check() findings", result.findings());
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

    // ---- check() ---------------------------------------------------------------------------------------------

    @Test
    @Order(400)
    @DisplayName("check(): passes on the working config")
    final void checkPassesOnWorkingConfig() {
        CheckResult result;
        try (Connector c = session().openWorking()) {
            result = session().await(c.check(), "check()");
        } catch (ConformanceSession.CallFailure e) {
            throw new AssertionFailedError(e.getMessage() + ": check() must answer findings, never fail its stage",
                    e);
        }
        session().transcript().add("check() findings", result.findings());
        Problems problems = new Problems();
        result.errors().forEach(f -> problems.add(f.code() + ": " + f.message()));
        problems.failIfAny("check() reports errors on the fixture's working config");
    }

    @Test
    @Order(410)
    @DisplayName("check(): a bad credential gives error findings, without throwing")
    final void checkReportsBadCredential() {
        Optional<String> bad = session().fixture().badCredential();
        Assumptions.assumeTrue(bad.isPresent(), "the fixture supplies no bad credential");
        List<SchemaError> errors = session().validate(Json.object(bad.get(), "the bad-credential config"));
        if (!errors.isEmpty()) {
            throw new AssertionFailedError("the fixture's bad-credential config does not match the schema " + errors
                    + ": it must be valid except for the credential the backend refuses");
        }
        CheckResult result;
        try (Connector c = session().open(bad.get())) {
            result = session().await(c.check(), "check() with a bad credential");
        } catch (ConformanceSession.CallFailure e) {
            throw new AssertionFailedError(e.getMessage() + ": a refused credential is a finding (e.g. "
                    + "Finding.error(\"auth.invalid-token\", ...)), not a failed stage or an exception", e);
        }
        session().transcript().add("check() findings (bad credential)", result.findings());
        if (result.ok()) {
            throw new AssertionFailedError("check() with a bad credential found no error (findings: "
                    + result.findings() + "): it must contact the system and report the refused credential as an"
                    + " ERROR finding");
        }
    }

    @Test
    @Order(420)
    @DisplayName("check(): findings never echo a secret")
    final void checkNeverEchoesSecrets() {
        Set<String> secrets = session().secrets();
        Problems problems = new Problems();
        List<String> configs = new ArrayList<>(List.of(session().fixture().workingConfig()));
        session().fixture().badCredential().ifPresent(configs::add);
        for (String config : configs) {
            try (Connector c = session().open(config)) {
                CheckResult result = session().await(c.check(), "check()");
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

    // ---- resource sync ---------------------------------------------------------------------------------------

    private SyncSnapshot sync() {
        Assumptions.assumeTrue(session().descriptor().offers(Capability.RESOURCE_SYNC),
                "the plugin does not declare RESOURCE_SYNC");
        return session().firstSync();
    }

    private void failSync(SyncSnapshot snapshot, Kind kind, String heading) {
        Problems problems = new Problems();
        problems.addAll(snapshot.problems(kind));
        if (!problems.isEmpty() && !snapshot.complete()) {
            problems.note("(the sync did not complete, so this check saw only part of it: see 'sync: every listing"
                    + " completes')");
        }
        problems.failIfAny(heading);
    }

    @Test
    @Order(500)
    @DisplayName("sync: every listing completes")
    final void syncListingsComplete() {
        failSync(sync(), Kind.LISTINGS, "listings failed during a sync of the working config: a listing of a"
                + " resource the connector itself returned must succeed");
    }

    @Test
    @Order(510)
    @DisplayName("sync: page tokens end and never repeat")
    final void syncPageTokensTerminate() {
        failSync(sync(), Kind.PAGING, "page tokens must lead forward and run out (the last page has no nextToken)");
    }

    @Test
    @Order(520)
    @DisplayName("sync: every resource's type is declared")
    final void syncTypesDeclared() {
        failSync(sync(), Kind.TYPES, "every resource type listed must be one of resourceTypes()");
    }

    @Test
    @Order(530)
    @DisplayName("sync: ids are unique")
    final void syncIdsUnique() {
        failSync(sync(), Kind.UNIQUE, "resource ids must be unique within their type, and entitlement and grant ids"
                + " unique");
    }

    @Test
    @Order(540)
    @DisplayName("sync: every parent exists")
    final void syncParentsExist() {
        failSync(sync(), Kind.PARENTS, "a resource's parent must be a resource the sync lists");
    }

    @Test
    @Order(550)
    @DisplayName("sync: every entitlement's resource exists")
    final void syncEntitlementResourcesExist() {
        failSync(sync(), Kind.ENTITLEMENTS, "an entitlement must belong to a listed resource and be grantable to"
                + " declared types");
    }

    @Test
    @Order(560)
    @DisplayName("sync: every grant's entitlement and principal exist")
    final void syncGrantReferencesExist() {
        failSync(sync(), Kind.GRANTS, "a grant must name a listed entitlement and a listed principal");
    }

    @Test
    @Order(570)
    @DisplayName("sync: two syncs give the same records")
    final void syncIsRepeatable() {
        SyncSnapshot first = sync();
        SyncSnapshot second = session().freshSync();
        Problems problems = new Problems();
        difference(problems, "resource", first.resources(), second.resources());
        difference(problems, "entitlement", first.entitlements(), second.entitlements());
        difference(problems, "grant", first.grants(), second.grants());
        problems.failIfAny("two syncs of an unchanged backend differ: ids, names and profiles must be stable (no"
                + " timestamps of the sync itself, no random ids)");
    }

    private static <T> void difference(Problems problems, String what, List<T> first, List<T> second) {
        Set<T> a = new LinkedHashSet<>(first);
        Set<T> b = new LinkedHashSet<>(second);
        a.stream().filter(x -> !b.contains(x)).limit(5)
                .forEach(x -> problems.add("only in the first sync: " + what + " " + Problems.shorten(x.toString(), 200)));
        b.stream().filter(x -> !a.contains(x)).limit(5)
                .forEach(x -> problems.add("only in the second sync: " + what + " " + Problems.shorten(x.toString(), 200)));
    }

    // ---- reports ---------------------------------------------------------------------------------------------

    private List<ReportDefinition> definitions(Connector c) {
        Assumptions.assumeTrue(session().descriptor().offers(Capability.REPORTS),
                "the plugin does not declare REPORTS");
        Reports reports = c.reports().orElseThrow(() -> new AssertionFailedError(
                "the plugin declares REPORTS but connector.reports() is empty"));
        return reports.definitions();
    }

    @Test
    @Order(600)
    @DisplayName("reports: parameter schemas are valid JSON Schema 2020-12")
    final void reportParameterSchemasAreValid() {
        Problems problems = new Problems();
        try (Connector c = session().openWorking()) {
            Set<String> ids = new HashSet<>();
            for (ReportDefinition d : definitions(c)) {
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
    @Order(610)
    @DisplayName("reports: rows have exactly the declared columns and types")
    final void reportRowsMatchColumns() {
        Problems problems = new Problems();
        List<String> unchecked = new java.util.ArrayList<>();
        int definitionCount;
        try (Connector c = session().openWorking()) {
            List<ReportDefinition> definitions = definitions(c);
            definitionCount = definitions.size();
            Reports reports = c.reports().orElseThrow();
            for (ReportDefinition d : definitions) {
                if (!checkRows(reports, d, problems)) {
                    unchecked.add(d.id());
                }
            }
        }
        problems.failIfAny("report rows must have exactly the report's columns, each value of its column's type"
                + " (ColumnType.accepts) or null");
        org.junit.jupiter.api.Assumptions.assumeTrue(unchecked.size() < definitionCount, "no report could be run:"
                + " each needs parameters the fixture does not supply (" + String.join(", ", unchecked) + "); supply"
                + " them with ConformanceFixture.Builder.reportParameters(id, json) or --report-params REPORT=FILE");
    }

    /** @return whether the report was run; false when it needs parameters the fixture does not supply */
    private boolean checkRows(Reports reports, ReportDefinition d, Problems problems) {
        Optional<String> supplied = Optional.ofNullable(session().fixture().reportParameters().get(d.id()));
        String paramsJson = supplied.orElse("{}");
        ObjectNode params = Json.object(paramsJson, "parameters of report " + d.id());
        try {
            List<SchemaError> errors = SchemaValidator.compile(d.parametersSchema(), "report " + d.id())
                    .validate(params);
            if (!errors.isEmpty() && supplied.isEmpty()) {
                return false; // it has required parameters and the fixture gives none: not this check's concern
            }
            if (!errors.isEmpty()) {
                problems.add("report " + d.id() + ": the supplied parameters " + paramsJson + " do not match its"
                        + " schema " + errors + "; fix them in ConformanceFixture.Builder.reportParameters(\""
                        + d.id() + "\", ...) or the --report-params file");
                return true;
            }
        } catch (SchemaValidator.InvalidSchemaException e) {
            problems.add("report " + d.id() + ": " + e.getMessage());
            return true;
        }
        List<String> names = d.columns().stream().map(Column::name).toList();
        Optional<String> token = Optional.empty();
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= session().fixture().reportPages(); page++) {
            Page<Row> rows;
            try {
                rows = session().await(reports.run(d.id(), Json.values(params), token),
                        "report " + d.id() + " page " + page);
            } catch (ConformanceSession.CallFailure e) {
                problems.add(e.getMessage());
                return true;
            }
            int n = 0;
            for (Row row : rows.items()) {
                n++;
                session().transcript().add("report " + d.id() + " row", row);
                Set<String> missing = new LinkedHashSet<>(names);
                missing.removeAll(row.values().keySet());
                Set<String> extra = new LinkedHashSet<>(row.values().keySet());
                names.forEach(extra::remove);
                String where = "report " + d.id() + " page " + page + " row " + n;
                if (!missing.isEmpty()) {
                    problems.add(where + " lacks the columns " + missing + " (put them with a null value when empty)");
                }
                if (!extra.isEmpty()) {
                    problems.add(where + " has undeclared columns " + extra);
                }
                for (Column col : d.columns()) {
                    Object v = row.get(col.name());
                    if (v != null && !col.type().accepts(v)) {
                        problems.add(where + " column " + col.name() + " is " + col.type() + " but holds a "
                                + v.getClass().getSimpleName() + " (" + Problems.shorten(String.valueOf(v), 40) + ")");
                    }
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
            session().transcript().add("report page token", rows.nextToken().get());
            token = rows.nextToken();
        }
        return true;
    }

    // ---- provisioning ----------------------------------------------------------------------------------------

    @Test
    @Order(700)
    @DisplayName("provisioning: a grant and its revoke show in a sync")
    final void provisioningRoundTrip() {
        Assumptions.assumeTrue(session().descriptor().offers(Capability.PROVISIONING),
                "the plugin does not declare PROVISIONING");
        Optional<ProvisioningProbe> probe = session().fixture().provisioning();
        Assumptions.assumeTrue(probe.isPresent(), "the fixture names no grant to round-trip (set"
                + " ConformanceFixture.Builder.provisioning(entitlementId, principal))");
        Assumptions.assumeTrue(session().descriptor().offers(Capability.RESOURCE_SYNC),
                "provisioning is checked through a sync, and the plugin does not declare RESOURCE_SYNC");
        ProvisioningProbe p = probe.get();
        String pair = p.principal() + " holding " + p.entitlementId();
        SyncSnapshot before = session().freshSync();
        if (before.entitlements().stream().noneMatch(e -> e.id().equals(p.entitlementId()))) {
            throw new AssertionFailedError("the fixture's entitlement " + p.entitlementId() + " is not in a sync");
        }
        if (before.resources().stream().noneMatch(r -> r.ref().equals(p.principal()))) {
            throw new AssertionFailedError("the fixture's principal " + p.principal() + " is not in a sync");
        }
        if (holds(before, p)) {
            throw new AssertionFailedError("the sync already shows " + pair + ": choose a principal that does not"
                    + " hold the entitlement yet");
        }
        Problems problems = new Problems();
        try (Connector c = session().openWorking()) {
            Provisioning prov = c.provisioning().orElseThrow(() -> new AssertionFailedError(
                    "the plugin declares PROVISIONING but connector.provisioning() is empty"));
            expect(problems, prov.grant(new GrantRequest(p.entitlementId(), p.principal(), false)), "grant",
                    ProvisioningResult.Outcome.DONE);
            if (!holds(session().freshSync(), p)) {
                problems.add("after grant() answered, a new sync does not show " + pair);
            }
            expect(problems, prov.grant(new GrantRequest(p.entitlementId(), p.principal(), false)),
                    "grant (repeated)", ProvisioningResult.Outcome.ALREADY_SO);
            expect(problems, prov.revoke(new RevokeRequest(p.entitlementId(), p.principal(), false)), "revoke",
                    ProvisioningResult.Outcome.DONE);
            if (holds(session().freshSync(), p)) {
                problems.add("after revoke() answered, a new sync still shows " + pair);
            }
            expect(problems, prov.revoke(new RevokeRequest(p.entitlementId(), p.principal(), false)),
                    "revoke (repeated)", ProvisioningResult.Outcome.ALREADY_SO);
        }
        problems.failIfAny("grant and revoke of " + pair + " must change what a sync shows, and be idempotent");
    }

    private static boolean holds(SyncSnapshot sync, ProvisioningProbe p) {
        return sync.grants().stream().anyMatch(g -> g.entitlementId().equals(p.entitlementId())
                && g.principal().equals(p.principal()) && !g.isExpandable());
    }

    private void expect(Problems problems, java.util.concurrent.CompletionStage<ProvisioningResult> stage,
                        String what, ProvisioningResult.Outcome expected) {
        try {
            ProvisioningResult result = session().await(stage, what + "()");
            session().transcript().add(what + " result", result);
            if (result.outcome() != expected) {
                problems.add(what + " answered " + result.outcome() + " (" + result.message() + "); expected "
                        + expected);
            }
        } catch (ConformanceSession.CallFailure e) {
            problems.add(e.getMessage());
        }
    }

    // ---- hygiene ---------------------------------------------------------------------------------------------

    @Test
    @Order(900)
    @DisplayName("hygiene: no secret in any output or error")
    final void noSecretInAnyOutput() {
        ConformanceSession s = session();
        Set<String> secrets = s.secrets();
        Assumptions.assumeFalse(secrets.isEmpty(), "no config property is secret and the fixture names no secret:"
                + " nothing to look for");
        // make sure every kind of output has been produced at least once, whatever checks ran before
        List<String> configs = new ArrayList<>(List.of(s.fixture().workingConfig()));
        s.fixture().badCredential().ifPresent(configs::add);
        s.fixture().badConfigs().forEach(b -> configs.add(b.json()));
        for (String config : configs) {
            try (Connector c = s.open(config)) {
                s.transcript().add("check() findings", s.await(c.check(), "check()").findings());
            } catch (ConformanceSession.CallFailure e) {
                // recorded in the transcript
            }
        }
        if (s.descriptor().offers(Capability.RESOURCE_SYNC)) {
            s.firstSync();
        }
        if (s.descriptor().offers(Capability.REPORTS)) {
            try (Connector c = s.openWorking()) {
                c.reports().ifPresent(r -> r.definitions().forEach(d -> {
                    s.transcript().add("report definition", d);
                    String params = s.fixture().reportParameters().getOrDefault(d.id(), "{}");
                    try {
                        Page<Row> page = s.await(r.run(d.id(), Json.values(Json.object(params, "parameters")),
                                Optional.empty()), "report " + d.id());
                        s.transcript().add("report " + d.id() + " rows", page);
                    } catch (ConformanceSession.CallFailure e) {
                        // recorded in the transcript
                    }
                }));
            }
        }
        Problems problems = new Problems();
        problems.addAll(s.transcript().leaks(secrets));
        problems.failIfAny("a secret value appears in the plugin's output: never put a credential in a message,"
                + " a log line, a profile, a row or a page token");
    }

    @Test
    @Order(910)
    @DisplayName("hygiene: close() leaves no thread running")
    final void closeLeavesNoThreads() throws InterruptedException {
        ClassLoader loader = session().plugin().classLoader();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Connector c = session().openWorking()) {
            try {
                session().await(c.check(), "check()");
                Optional<ResourceSync> sync = c.resourceSync();
                if (sync.isPresent() && !sync.get().resourceTypes().isEmpty()) {
                    session().await(sync.get().resources(sync.get().resourceTypes().get(0).id(), Optional.empty(),
                            Optional.empty()), "resources()");
                }
            } catch (ConformanceSession.CallFailure e) {
                // other checks report it; this one is about threads
            }
        }
        long deadline = System.nanoTime() + session().fixture().threadGrace().toNanos();
        List<Thread> leaked = leaked(before, loader);
        while (!leaked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            leaked = leaked(before, loader);
        }
        Problems problems = new Problems();
        leaked.forEach(t -> problems.add("thread '" + t.getName() + "' (" + (t.isDaemon() ? "daemon, " : "")
                + t.getState() + ", " + t.getClass().getName() + ")"));
        problems.failIfAny("threads started by the plugin are still running "
                + session().fixture().threadGrace().toMillis() + " ms after close(): stop them in Connector.close()"
                + " (shut down executors, event loops and HTTP clients). A daemon thread counts too: it does not"
                + " keep the JVM alive, but it keeps running, and keeps the plugin's class loader, for as long as"
                + " the host does");
    }

    /**
     * @return the live threads the plugin started, daemon or not: not there before, and either of a class the
     *     plugin loaded (an event loop's thread class) or with the plugin's class loader as context loader (the
     *     host calls the plugin with it, and new threads inherit it). Threads of the fixture's backend (a
     *     simulator's or WireMock's pool) are neither, so they do not count, however many it starts meanwhile.
     */
    private static List<Thread> leaked(Set<Thread> before, ClassLoader loader) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader)
                .sorted(java.util.Comparator.comparing(Thread::getName))
                .toList();
    }

    @Test
    @Order(920)
    @DisplayName("hygiene: the jar holds no SPI classes")
    final void jarHoldsNoSpiClasses() throws IOException {
        java.nio.file.Path jar = session().fixture().pluginJar();
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new AssertionFailedError("the plugin jar " + jar.toAbsolutePath() + " does not exist: build it"
                    + " first");
        }
        List<String> spi;
        try (JarFile file = new JarFile(jar.toFile())) {
            spi = file.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("dev/plugboard/spi/") && n.endsWith(".class"))
                    .sorted().collect(Collectors.toList());
        }
        if (!spi.isEmpty()) {
            throw new AssertionFailedError(jar.getFileName() + " bundles " + spi.size() + " SPI classes (e.g. "
                    + spi.get(0) + "): declare connector-spi with <scope>provided</scope> so the shaded jar leaves it"
                    + " out; the host refuses plugins that carry their own SPI");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private ObjectNode working() {
        return Json.object(session().fixture().workingConfig(), "the working config");
    }


    /** @return the secrets known so far, for masking failure messages */
    private synchronized Set<String> knownSecrets() {
        if (session == null) {
            return Set.of();
        }
        try {
            return session.secrets();
        } catch (RuntimeException | AssertionError e) {
            return session.fixture().secrets();
        }
    }

    /** Replaces secret values in a check's failure message, so the suite never prints what it caught. */
    static final class MaskSecrets implements TestExecutionExceptionHandler {
        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
            Object instance = context.getTestInstance().orElse(null);
            if (!(instance instanceof ConnectorConformanceSuite suite) || throwable.getMessage() == null) {
                throw throwable;
            }
            String original = throwable instanceof AssertionError
                    || throwable instanceof org.opentest4j.TestAbortedException
                    ? throwable.getMessage() : throwable.toString();
            String message = original;
            for (String secret : suite.knownSecrets()) {
                message = message.replace(secret, "****");
            }
            if (message.equals(original)) {
                throw throwable;
            }
            if (throwable instanceof org.opentest4j.TestAbortedException) {
                throw new org.opentest4j.TestAbortedException(message);
            }
            throw new AssertionFailedError(message);
        }
    }

}
