package dev.plugboard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every served endpoint's response validates against its response schema in Sentry's OpenAPI spec
 * ({@code sentry-openapi.json}, read from {@code plugboard.shared.dir}, {@code $ref}s resolved inside the spec).
 */
class SpecConformanceTest {
    static final String SPEC_IRI = "https://plugboard.invalid/sentry-openapi.json";
    static final String USER = "sntryu_simulator_test_spec_user";
    static SentrySimulator sim;
    static Http http;
    static JsonSchemaFactory factory;
    static SchemaValidatorsConfig config;
    static JsonNode spec;

    static Optional<Path> specFile() {
        List<Path> candidates = new ArrayList<>();
        String dir = System.getProperty("plugboard.shared.dir");
        if (dir != null && !dir.isBlank()) {
            candidates.add(Path.of(dir, "sentry-openapi.json"));
        }
        candidates.add(Path.of("..", "shared", "sentry-openapi.json"));
        candidates.add(Path.of("..", "..", "shared", "sentry-openapi.json"));
        return candidates.stream().filter(Files::isRegularFile).findFirst();
    }

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> file = specFile();
        if (file.isEmpty()) {
            String where = "sentry-openapi.json not found (set -Dplugboard.shared.dir or put it at ../shared or "
                    + "../../shared)";
            // in CI a missing spec is a failure, never a silent pass; elsewhere the skip says why
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("SpecConformanceTest cannot run in CI: " + where);
            }
            String message = "SpecConformanceTest skipped: " + where;
            System.err.println(message);
            Assumptions.assumeTrue(false, message);
        }
        String text = Files.readString(file.get());
        spec = Http.JSON.readTree(text);
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b
                .metaSchema(OpenApi30.getInstance())
                .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
                .schemaLoaders(l -> l.schemas(Map.of(SPEC_IRI, text))));
        config = SchemaValidatorsConfig.builder().nullableKeywordEnabled(true).formatAssertionsEnabled(true).build();
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(21).members(160).teams(8).projects(10)
                .fixedNow(Instant.parse("2025-06-15T10:00:00Z")).rateLimits(RateLimitPolicy.disabled()).build());
        sim.addToken(ApiToken.fullScope(USER));
        http = new Http(sim).as(USER);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    static Stream<Arguments> endpoints() {
        // built lazily from a throwaway org with the same options, so arguments exist before @BeforeAll
        try (SentrySimulator s = SentrySimulator.start(SimulatorOptions.builder().seed(21).members(160).teams(8)
                .projects(10).fixedNow(Instant.parse("2025-06-15T10:00:00Z")).rateLimits(RateLimitPolicy.disabled())
                .build())) {
            OrgSnapshot org = s.org();
            Team team = org.teams().stream().filter(t -> !t.idpProvisioned() && t.members().stream()
                    .filter(x -> org.member(x.memberId()).orElseThrow().orgRole()
                            == dev.plugboard.simulator.model.OrgRole.MEMBER).count() >= 2).findFirst().orElseThrow();
            Project project = org.projects().stream().filter(p -> !p.teamIds().contains(team.id())).findFirst()
                    .orElseThrow();
            // a plain member (a user token acts as the first owner, who may not change their own role)
            List<String> plain = team.members().stream().filter(x -> org.member(x.memberId()).orElseThrow()
                    .orgRole() == dev.plugboard.simulator.model.OrgRole.MEMBER).map(x -> x.memberId()).toList();
            String member = plain.get(0);
            // another plain member for the team role: the first becomes manager, for whom admin is stored as null,
            // which the published spec does not allow (Sentry answers it all the same)
            String contributor = plain.get(1);
            String joiner = org.members().stream().filter(m -> !m.pending()
                    && team.members().stream().noneMatch(tm -> tm.memberId().equals(m.id()))).findFirst()
                    .orElseThrow().id();
            String issue = s.projectData(project.slug()).orElseThrow().issues().get(0).id();
            String o = "/api/0/organizations/{organization_id_or_slug}/";
            String p = "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/";
            String t = "/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}/";
            String org0 = "/api/0/organizations/sim-org/";
            String proj = "/api/0/projects/sim-org/" + project.slug() + "/";
            String tm = "/api/0/teams/sim-org/" + team.slug() + "/";
            return Stream.of(
                    args("get", "/api/0/organizations/", 200, "GET", "/api/0/organizations/", null),
                    args("get", o, 200, "GET", org0, null),
                    args("get", o, 200, "GET", org0 + "?detailed=0", null),
                    args("get", o + "members/", 200, "GET", org0 + "members/", null),
                    args("get", o + "members/{member_id}/", 200, "GET", org0 + "members/" + member + "/", null),
                    args("put", o + "members/{member_id}/", 200, "PUT", org0 + "members/" + member + "/",
                            "{\"orgRole\":\"manager\",\"teamRoles\":[{\"teamSlug\":\"" + team.slug()
                                    + "\",\"role\":null}]}"),
                    args("post", o + "members/", 201, "POST", org0 + "members/",
                            "{\"email\":\"spec.invite@example.com\",\"orgRole\":\"member\"}"),
                    args("post", o + "members/{member_id}/teams/{team_id_or_slug}/", 201, "POST",
                            org0 + "members/" + joiner + "/teams/" + team.slug() + "/", null),
                    args("put", o + "members/{member_id}/teams/{team_id_or_slug}/", 200, "PUT",
                            org0 + "members/" + contributor + "/teams/" + team.slug() + "/",
                            "{\"teamRole\":\"admin\"}"),
                    args("delete", o + "members/{member_id}/teams/{team_id_or_slug}/", 200, "DELETE",
                            org0 + "members/" + joiner + "/teams/" + team.slug() + "/", null),
                    args("get", o + "teams/", 200, "GET", org0 + "teams/", null),
                    args("get", t + "members/", 200, "GET", tm + "members/", null),
                    args("get", o + "projects/", 200, "GET", org0 + "projects/", null),
                    args("get", t + "projects/", 200, "GET", tm + "projects/", null),
                    args("get", p + "teams/", 200, "GET", proj + "teams/", null),
                    args("post", p + "teams/{team_id_or_slug}/", 201, "POST", proj + "teams/" + team.slug() + "/",
                            null),
                    args("delete", p + "teams/{team_id_or_slug}/", 200, "DELETE", proj + "teams/" + team.slug()
                            + "/", null),
                    args("get", o + "repos/", 200, "GET", org0 + "repos/", null),
                    args("get", o + "repos/", 200, "GET", org0 + "repos/?status=deleted", null),
                    args("get", p + "users/", 200, "GET", proj + "users/", null),
                    args("get", p + "user-feedback/", 200, "GET", proj + "user-feedback/", null),
                    args("get", p + "events/", 200, "GET", proj + "events/", null),
                    args("get", p + "events/", 200, "GET", proj + "events/?full=true", null),
                    args("get", o + "issues/", 200, "GET", org0 + "issues/?project=" + project.id()
                            + "&query=&statsPeriod=90d", null),
                    args("get", o + "issues/{issue_id}/events/", 200, "GET", org0 + "issues/" + issue
                            + "/events/?full=true", null),
                    args("get", o + "stats_v2/", 200, "GET", org0 + "stats_v2/?field=sum(quantity)&groupBy=outcome"
                            + "&groupBy=project&statsPeriod=3d&interval=1d", null),
                    args("get", p + "stats/", 200, "GET", proj + "stats/", null));
        }
    }

    private static Arguments args(String specMethod, String specPath, int status, String method, String path,
                                  String body) {
        return Arguments.of(specMethod, specPath, status, method, path, body);
    }

    @ParameterizedTest(name = "{3} {4}")
    @MethodSource("endpoints")
    void responseMatchesSpecSchema(String specMethod, String specPath, int status, String method, String path,
                                   String body) throws IOException {
        assertThat(spec.path("paths").has(specPath)).as("spec has " + specPath).isTrue();
        HttpResponse<String> r = http.send(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode json = Http.JSON.readTree(r.body());
        if (json.isArray()) {
            assertThat(json).as("non-empty list to validate").isNotEmpty();
        }
        String pointer = "/paths/" + escape(specPath) + "/" + specMethod + "/responses/" + status
                + "/content/application~1json/schema";
        assertThat(spec.at(pointer).isMissingNode()).as(pointer).isFalse();
        JsonSchema schema = factory.getSchema(SchemaLocation.of(SPEC_IRI + "#" + pointer.replace("{", "%7B")
                .replace("}", "%7D")), config);
        Set<ValidationMessage> errors = schema.validate(json);
        assertThat(errors).as(method + " " + path).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theValidatorRejectsWhatTheSpecForbids() throws IOException {
        String pointer = "/paths/" + escape("/api/0/organizations/{organization_id_or_slug}/members/")
                + "/get/responses/200/content/application~1json/schema";
        JsonSchema schema = factory.getSchema(SchemaLocation.of(SPEC_IRI + "#" + pointer.replace("{", "%7B")
                .replace("}", "%7D")), config);
        JsonNode good = Http.JSON.readTree(http.get("/api/0/organizations/sim-org/members/").body());
        assertThat(schema.validate(good)).isEmpty();
        com.fasterxml.jackson.databind.node.ArrayNode missing = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) missing.get(0)).remove("orgRole");
        assertThat(schema.validate(missing)).isNotEmpty();
        com.fasterxml.jackson.databind.node.ArrayNode wrongType = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongType.get(0)).put("pending", "yes");
        assertThat(schema.validate(wrongType)).isNotEmpty();
        com.fasterxml.jackson.databind.node.ArrayNode badNull = good.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) badNull.get(0)).putNull("email");
        assertThat(schema.validate(badNull)).isNotEmpty();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
