package dev.plugboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.conformance.CheckOutcome.Status;
import dev.plugboard.spi.ResourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suite run through the launcher against fixture plugins built at test time: one right, several broken. */
class ConformanceSuiteTest {
    static final String GOOD_TOKEN = "good-token-123456";
    static final String INITIAL_GRANTS = "team:t1:member|u1\nteam:t1:member|u2\nteam:t2:member|u3\n";

    /** Every check, in the suite's order. */
    static final List<String> CHECKS = List.of(
            "descriptor: id, version and SPI version are well formed",
            "descriptor: declared capabilities are exactly those the connector offers",
            "config schema: a valid JSON Schema 2020-12 for an object",
            "config schema: every required property is documented",
            "config schema: secret properties are marked writeOnly",
            "validation: the working config passes the schema",
            "validation: a config missing a required property fails at its pointer",
            "validation: a property of the wrong type fails at its pointer",
            "validation: the fixture's bad configs are rejected",
            "check(): passes on the working config",
            "check(): a bad credential gives error findings, without throwing",
            "check(): findings never echo a secret",
            "sync: every listing completes",
            "sync: page tokens end and never repeat",
            "sync: every resource's type is declared",
            "sync: ids are unique",
            "sync: every parent exists",
            "sync: every entitlement's resource exists",
            "sync: every grant's entitlement and principal exist",
            "sync: two syncs give the same records",
            "reports: parameter schemas are valid JSON Schema 2020-12",
            "reports: the provider's definitions, when it gives them, equal the connector's",
            "reports: rows have exactly the declared columns and types",
            "provisioning: a grant and its revoke show in a sync",
            "hygiene: no secret in any output or error",
            "hygiene: close() leaves no thread running",
            "hygiene: the jar holds no SPI classes");

    @TempDir
    Path work;

    static String source(String name) {
        try (InputStream in = ConformanceSuiteTest.class.getResourceAsStream("/fixtures/" + name + ".java.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path tidyJar(Path work) {
        return PluginJars.build(work, "tidy.jar", "fx.tidy.TidyProvider", source("TidyProvider"), false);
    }

    static Path grantsFile(Path work) throws IOException {
        return Files.writeString(work.resolve("grants.txt"), INITIAL_GRANTS);
    }

    static ConformanceFixture.Builder tidyFixture(Path jar, Path state) {
        return ConformanceFixture.builder(jar, Map.of("token", GOOD_TOKEN, "state", state.toString()))
                .badCredential(Map.of("token", "wrong-token-999", "state", state.toString()))
                .badConfig("an unknown property", Map.of("token", GOOD_TOKEN, "state", state.toString(),
                        "colour", "red"))
                .reportParameters("members", Map.of("team", "t1"))
                .provisioning("team:t2:member", new ResourceRef("user", "u4"));
    }

    private static String failures(ConformanceReport report) {
        StringBuilder text = new StringBuilder();
        report.checks().forEach(c -> text.append(c.status()).append(' ').append(c.name()).append('\n')
                .append(c.message()).append('\n'));
        return text.toString();
    }

    private static String message(ConformanceReport report, String check) {
        CheckOutcome outcome = report.check(check).orElseThrow(() -> new AssertionError("no check " + check));
        assertThat(outcome.status()).as(check).isEqualTo(Status.FAILED);
        return outcome.message();
    }

    @AfterEach
    void stopLeakedThreads() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("broken-leak") || t.getName().equals(LEAKY_DAEMON))
                .forEach(Thread::interrupt);
    }

    static final String LEAKY_DAEMON = "leaky-daemon-pool";

    /**
     * The tidy plugin, but its executor runs on a daemon thread that close() forgets to stop: the mistake of a
     * plugin whose event loop is "only" daemon threads.
     */
    static Path leakyDaemonJar(Path work) {
        String tidy = source("TidyProvider");
        String pool = "ExecutorService pool = Executors.newSingleThreadExecutor();";
        String stop = "pool.shutdownNow();";
        assertThat(tidy).contains("package fx.tidy;", pool, stop);
        String leaky = tidy.replace("package fx.tidy;", "package fx.leaky;")
                .replace("TidyProvider", "LeakyProvider")
                .replace(pool, "ExecutorService pool = Executors.newSingleThreadExecutor(r -> {"
                        + " Thread t = new Thread(r, \"" + LEAKY_DAEMON + "\"); t.setDaemon(true); return t; });")
                .replace(stop, "// forgets the pool: \"its thread is a daemon\"");
        return PluginJars.build(work, "leaky.jar", "fx.leaky.LeakyProvider", leaky, false);
    }

    @Test
    void aPluginThatLeavesADaemonThreadRunningFailsTheThreadCheckNamingIt() throws IOException {
        Path state = grantsFile(work);
        ConformanceReport report = ConformanceRunner.run(tidyFixture(leakyDaemonJar(work), state)
                .threadGrace(Duration.ofMillis(200)).build());

        assertThat(report.failures()).extracting(CheckOutcome::name).as(failures(report))
                .containsExactly("hygiene: close() leaves no thread running");
        assertThat(message(report, "hygiene: close() leaves no thread running"))
                .startsWith("threads started by the plugin are still running 200 ms after close()")
                .endsWith("(1 problem):\n  - thread '" + LEAKY_DAEMON + "' (daemon, WAITING, java.lang.Thread)");
    }

    @Test
    void aReportWhoseRequiredParametersTheFixtureLacksIsSkippedAndInvalidSuppliedOnesFail() throws IOException {
        Path state = grantsFile(work);
        Path jar = tidyJar(work);
        String check = "reports: rows have exactly the declared columns and types";
        ConformanceReport without = ConformanceRunner.run(ConformanceFixture.builder(jar,
                Map.of("token", GOOD_TOKEN, "state", state.toString())).build());
        CheckOutcome skipped = without.check(check).orElseThrow();
        assertThat(skipped.status()).as(failures(without)).isEqualTo(Status.SKIPPED);
        assertThat(skipped.message()).isEqualTo("Assumption failed: no report could be run: each needs parameters"
                + " that were not given (members); supply them with ConformanceFixture.Builder.reportParameters(id,"
                + " json)");

        // issue 19: parameters that break the report's schema, or a report the plugin does not have, are the
        // fixture's mistake, not the plugin's: WRONG_INPUT (it was FAILED), naming the builder call to fix
        ConformanceReport invalid = ConformanceRunner.run(ConformanceFixture.builder(jar,
                Map.of("token", GOOD_TOKEN, "state", state.toString())).reportParameters("members", "{\"team\": 5}")
                .reportParameters("nope", "{}").build());
        assertThat(invalid.failures()).as(failures(invalid)).isEmpty();
        assertThat(invalid.passed()).isFalse();
        assertThat(invalid.wrongInputs()).containsExactly(new CheckOutcome(check, Status.WRONG_INPUT,
                "ConformanceFixture.Builder.reportParameters(\"nope\", ...): the plugin has no report 'nope'; its"
                        + " reports: members\n"
                        + "ConformanceFixture.Builder.reportParameters(\"members\", ...): the parameters {\"team\": 5}"
                        + " do not match the report's schema [/team: must be of type string, but is integer];"
                        + " 'plugboard reports tidy' shows the parameters it takes"));
    }

    @Test
    void aGrantThePrincipalAlreadyHoldsOrAPrincipalNoSyncShowsIsAWrongInputNotAFailure() throws IOException {
        Path state = grantsFile(work);
        Path jar = tidyJar(work);
        String check = "provisioning: a grant and its revoke show in a sync";

        ConformanceReport held = ConformanceRunner.run(tidyFixture(jar, state)
                .provisioning("team:t1:member", new ResourceRef("user", "u1")).build());
        ConformanceReport ghost = ConformanceRunner.run(tidyFixture(jar, state)
                .provisioning("team:t1:member", new ResourceRef("user", "ghost")).build());
        ConformanceReport noTeam = ConformanceRunner.run(tidyFixture(jar, state)
                .provisioning("team:t9:member", new ResourceRef("user", "u4")).build());

        assertThat(held.failures()).as(failures(held)).isEmpty();
        assertThat(held.wrongInputs()).containsExactly(new CheckOutcome(check, Status.WRONG_INPUT,
                "ConformanceFixture.Builder.provisioning(\"team:t1:member\", user:u1): user:u1 already holds"
                        + " team:t1:member in a sync of the fixture's working config: name a principal that does not"
                        + " hold it yet (the check grants it, then revokes it)"));
        assertThat(ghost.wrongInputs()).containsExactly(new CheckOutcome(check, Status.WRONG_INPUT,
                "ConformanceFixture.Builder.provisioning(\"team:t1:member\", user:ghost): no principal user:ghost in"
                        + " a sync of the fixture's working config: name one exactly as 'plugboard sync' lists it"
                        + " (TYPE:ID)"));
        assertThat(noTeam.wrongInputs()).containsExactly(new CheckOutcome(check, Status.WRONG_INPUT,
                "ConformanceFixture.Builder.provisioning(\"team:t9:member\", user:u4): no entitlement team:t9:member"
                        + " in a sync of the fixture's working config: name one exactly as 'plugboard sync' lists"
                        + " it"));
        assertThat(Files.readString(state)).isEqualTo(INITIAL_GRANTS);
    }

    @Test
    void providerDefinitionsThatDifferFromTheConnectorsFailAndAbsentOnesAreSkipped() throws IOException {
        Path state = grantsFile(work);
        String tidy = source("TidyProvider");
        String named = "return Optional.of(new Rep().definitions());";
        assertThat(tidy).contains("package fx.tidy;", named);
        String differing = tidy.replace("package fx.tidy;", "package fx.differing;")
                .replace("TidyProvider", "DifferingProvider")
                .replace(named, "return Optional.of(List.of(new ReportDefinition(\"members\", \"Members\","
                        + " \"team members\", \"{\\\"type\\\":\\\"object\\\"}\", List.of(Column.of(\"user\","
                        + " ColumnType.STRING))), new ReportDefinition(\"teams\", \"Teams\", \"\","
                        + " \"{\\\"type\\\":\\\"object\\\"}\", List.of(Column.of(\"slug\", ColumnType.STRING)))));");
        String unnamed = tidy.replace("package fx.tidy;", "package fx.unnamed;")
                .replace("TidyProvider", "UnnamedProvider").replace(named, "return Optional.empty();");
        String check = "reports: the provider's definitions, when it gives them, equal the connector's";

        ConformanceReport differs = ConformanceRunner.run(tidyFixture(PluginJars.build(work, "differing.jar",
                "fx.differing.DifferingProvider", differing, false), state).build());
        ConformanceReport absent = ConformanceRunner.run(tidyFixture(PluginJars.build(work, "unnamed.jar",
                "fx.unnamed.UnnamedProvider", unnamed, false), state).build());

        assertThat(differs.failures()).extracting(CheckOutcome::name).as(failures(differs)).containsExactly(check);
        assertThat(message(differs, check)).startsWith("ConnectorProvider.reportDefinitions() must equal"
                        + " Reports.definitions() of an open connector, in the same order (2 problems):\n"
                        + "  - the provider names [members, teams], the connector [members]\n"
                        + "  - report members differs: the provider's is ReportDefinition[id=members, title=Members,"
                        + " description=team members, parametersSchema={\"type\":\"object\"}, columns=[Column[name=user,");
        assertThat(absent.failures()).as(failures(absent)).isEmpty();
        assertThat(absent.check(check).orElseThrow()).isEqualTo(new CheckOutcome(check, Status.SKIPPED,
                "Assumption failed: the provider does not name its reports without a connector (optional since"
                        + " SPI 1.1: ConnectorProvider.reportDefinitions() lets 'plugboard reports' list them with"
                        + " no configuration)"));
    }

    @Test
    void aPluginThatDoesEverythingRightPassesEveryCheck() throws IOException {
        Path state = grantsFile(work);
        ConformanceReport report = ConformanceRunner.run(tidyFixture(tidyJar(work), state).build());

        assertThat(report.checks()).extracting(CheckOutcome::name).as(failures(report)).containsExactlyElementsOf(CHECKS);
        assertThat(report.checks()).extracting(CheckOutcome::status).as(failures(report)).containsOnly(Status.PASSED);
        assertThat(report.passed()).isTrue();
        // the provisioning round-trip left the backend as it was
        assertThat(Files.readString(state)).isEqualTo(INITIAL_GRANTS);
    }

    @Test
    void aBrokenPluginFailsTheRightChecksWithMessagesThatSayWhatToFix() {
        Path jar = PluginJars.build(work, "broken.jar", "fx.broken.BrokenProvider", source("BrokenProvider"), false);
        ConformanceFixture fixture = ConformanceFixture.builder(jar, Map.of("url", "http://127.0.0.1:9",
                        "apiToken", "s3cr3t-token-42"))
                .badCredential(Map.of("url", "http://127.0.0.1:9", "apiToken", "bad-token-0000"))
                .badConfig("the url is not checked", Map.of("url", "nowhere", "apiToken", "s3cr3t-token-42"))
                .secrets("s3cr3t-token-42")
                .threadGrace(Duration.ofMillis(200))
                .build();
        ConformanceReport report = ConformanceRunner.run(fixture);
        String all = failures(report);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(CheckOutcome::name).as(all).containsExactly(
                "descriptor: id, version and SPI version are well formed",
                "descriptor: declared capabilities are exactly those the connector offers",
                "config schema: every required property is documented",
                "config schema: secret properties are marked writeOnly",
                "validation: the fixture's bad configs are rejected",
                "check(): a bad credential gives error findings, without throwing",
                "check(): findings never echo a secret",
                "sync: every listing completes",
                "sync: page tokens end and never repeat",
                "sync: ids are unique",
                "sync: every parent exists",
                "sync: every entitlement's resource exists",
                "sync: every grant's entitlement and principal exist",
                "sync: two syncs give the same records",
                "reports: parameter schemas are valid JSON Schema 2020-12",
                "reports: rows have exactly the declared columns and types",
                "hygiene: no secret in any output or error",
                "hygiene: close() leaves no thread running");
        assertThat(report.check("provisioning: a grant and its revoke show in a sync").orElseThrow())
                .isEqualTo(new CheckOutcome("provisioning: a grant and its revoke show in a sync", Status.SKIPPED,
                        "Assumption failed: the plugin does not declare PROVISIONING"));
        assertThat(message(report, "descriptor: declared capabilities are exactly those the connector offers"))
                .isEqualTo("the descriptor's capabilities [RESOURCE_SYNC, REPORTS] do not match what the connector"
                        + " exposes (1 problem):\n  - the descriptor declares REPORTS but connector.reports() is empty:"
                        + " return the capability from reports() or remove REPORTS from the descriptor");
        assertThat(message(report, "config schema: every required property is documented"))
                .endsWith("(1 problem):\n  - /url is required but has no \"description\"");
        assertThat(message(report, "config schema: secret properties are marked writeOnly"))
                .endsWith("(1 problem):\n  - /properties/apiToken looks like a secret by its name but is not marked:"
                        + " add \"writeOnly\": true (and \"x-secret\": true if you like) so the host masks its value");
        assertThat(message(report, "validation: the fixture's bad configs are rejected"))
                .contains("bad config 'the url is not checked' was accepted: it matches the schema, open() succeeded"
                        + " and check() found no error");
        assertThat(message(report, "check(): a bad credential gives error findings, without throwing"))
                .isEqualTo("check() with a bad credential failed: java.lang.IllegalStateException: 401 from server:"
                        + " a refused credential is a finding (e.g. Finding.error(\"auth.invalid-token\", ...)), not a"
                        + " failed stage or an exception");
        assertThat(message(report, "check(): findings never echo a secret"))
                .endsWith("(1 problem):\n  - finding auth.ok contains the value of a secret (15 characters, at"
                        + " offset 25): authenticated with token <SECRET>");
        String incomplete = "\n(the sync did not complete, so this check saw only part of it: see 'sync: every"
                + " listing completes')";
        assertThat(message(report, "sync: every listing completes")).endsWith("(1 problem):\n  - entitlements(user:u2)"
                + " page 1 failed: ConnectorException(UNAVAILABLE): backend down" + incomplete);
        assertThat(message(report, "sync: page tokens end and never repeat")).endsWith("(1 problem):\n  -"
                + " resources(\"user\", no parent) handed out the page token 'p1' twice (again on page 3): each token"
                + " must lead forward, or the host loops forever" + incomplete);
        assertThat(message(report, "sync: ids are unique")).contains("  - resource user:u1 is listed twice");
        assertThat(message(report, "sync: every parent exists"))
                .contains("  - group:g1 has the parent org:1, which no listing returned");
        assertThat(message(report, "sync: every entitlement's resource exists"))
                .contains("  - entitlement group:g1:member belongs to group:zz, which no listing returned");
        assertThat(message(report, "sync: every grant's entitlement and principal exist")).contains(
                "(2 problems):\n  - grant group:g1:member:user:ghost names the principal user:ghost, which no"
                        + " resources() listing returned\n  - grant group:g1:admin:user:u3 is of the entitlement"
                        + " group:g1:admin, which no entitlements() listing returned");
        assertThat(message(report, "sync: two syncs give the same records"))
                .contains("only in the first sync: resource Resource[ref=user:u1");
        assertThat(message(report, "reports: rows have exactly the declared columns and types"))
                .isEqualTo("the plugin declares REPORTS but connector.reports() is empty");
        assertThat(message(report, "hygiene: no secret in any output or error")).contains(
                "(1 problem):\n  - check() findings contains the value of a secret (15 characters, at offset 71):"
                        + " [Finding[severity=INFO, code=auth.ok, message=authenticated with token <SECRET>]]");
        assertThat(message(report, "hygiene: close() leaves no thread running")).endsWith("(1 problem):\n  - thread"
                + " 'broken-leak' (TIMED_WAITING, java.lang.Thread)");
        assertThat(all).doesNotContain("s3cr3t-token-42");
    }

    @Test
    void invalidSchemasAndMismatchedRowsFailWithTheSchemaErrorsAndTheColumns() {
        Path jar = PluginJars.build(work, "badschema.jar", "fx.badschema.BadSchemaProvider",
                source("BadSchemaProvider"), false);
        ConformanceReport report = ConformanceRunner.run(ConformanceFixture.builder(jar, Map.of("name", "x")).build());
        String all = failures(report);

        assertThat(report.failures()).extracting(CheckOutcome::name).as(all).containsExactly(
                "config schema: a valid JSON Schema 2020-12 for an object",
                "validation: the working config passes the schema",
                "validation: a property of the wrong type fails at its pointer",
                "reports: parameter schemas are valid JSON Schema 2020-12",
                "reports: rows have exactly the declared columns and types");
        assertThat(message(report, "config schema: a valid JSON Schema 2020-12 for an object"))
                .startsWith("descriptor().configSchema() is not a usable JSON Schema 2020-12 (")
                .contains("  - at /properties/name/type: ");
        assertThat(message(report, "validation: the working config passes the schema"))
                .startsWith("the config schema is not a valid JSON Schema 2020-12: /properties/name/type: ")
                .endsWith("(fix descriptor().configSchema())");
        assertThat(message(report, "reports: parameter schemas are valid JSON Schema 2020-12"))
                .contains("  - report r1 at /properties/n/type: ");
        assertThat(message(report, "reports: rows have exactly the declared columns and types"))
                .contains("  - report r1: report r1 is not a valid JSON Schema 2020-12: /properties/n/type: ")
                .contains("\n  - report r2 page 1 row 1 lacks the columns [b] (put them with a null value when empty)"
                        + "\n  - report r2 page 1 row 1 has undeclared columns [zzz]"
                        + "\n  - report r2 page 1 row 1 column a is INTEGER but holds a String (seven)");
    }

    @Test
    void aJarThatBundlesTheSpiFailsEveryCheckWithTheLoadersReason() throws IOException {
        Path jar = PluginJars.build(work, "fat.jar", "fx.tidy.TidyProvider", source("TidyProvider"), true);
        ConformanceReport report = ConformanceRunner.run(tidyFixture(jar, grantsFile(work)).build());

        assertThat(report.checks()).extracting(CheckOutcome::status).containsOnly(Status.FAILED);
        assertThat(message(report, "descriptor: id, version and SPI version are well formed")).isEqualTo(
                "the host cannot load fat.jar: bundles its own copy of the Plugboard SPI (dev/plugboard/spi/*.class);"
                        + " declare connector-spi with <scope>provided</scope> so the host's copy is the only one");
        assertThat(message(report, "hygiene: the jar holds no SPI classes"))
                .startsWith("fat.jar bundles ")
                .endsWith("declare connector-spi with <scope>provided</scope> so the shaded jar leaves it out; the host"
                        + " refuses plugins that carry their own SPI");
    }

    @Test
    void aMissingJarSaysToBuildItFirst() throws IOException {
        Path missing = work.resolve("target/nothing.jar");
        ConformanceReport report = ConformanceRunner.run(tidyFixture(missing, grantsFile(work)).build());

        assertThat(report.checks()).hasSize(CHECKS.size()).extracting(CheckOutcome::status).containsOnly(Status.FAILED);
        assertThat(message(report, "sync: ids are unique")).isEqualTo("the plugin jar " + missing + " does not exist:"
                + " build it first (run the conformance test in the integration-test phase with maven-failsafe-plugin,"
                + " after 'package' has built the jar)");
    }

    @Test
    void aFixtureWithoutOptionalPartsSkipsTheirChecksAndSaysHowToSupplyThem() throws IOException {
        Path state = grantsFile(work);
        ConformanceReport report = ConformanceRunner.run(ConformanceFixture.builder(tidyJar(work),
                Map.of("token", GOOD_TOKEN, "state", state.toString())).reportParameters("members", "{\"team\":\"t2\"}")
                .build());

        assertThat(report.passed()).as(failures(report)).isTrue();
        assertThat(report.checks()).filteredOn(c -> c.status() == Status.SKIPPED).containsExactly(
                new CheckOutcome("validation: the fixture's bad configs are rejected", Status.SKIPPED,
                        "Assumption failed: the fixture supplies no bad config"),
                new CheckOutcome("check(): a bad credential gives error findings, without throwing", Status.SKIPPED,
                        "Assumption failed: the fixture supplies no bad credential"),
                new CheckOutcome("provisioning: a grant and its revoke show in a sync", Status.SKIPPED,
                        "Assumption failed: no grant to round-trip was named (set"
                                + " ConformanceFixture.Builder.provisioning(entitlementId, principal))"));
    }
}
