package dev.plugboard.sentry.reports;

import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ReportDefinition;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every report's parameter schema is valid JSON Schema 2020-12 and accepts exactly what the reports take. */
class ParameterSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** Definitions need no HTTP: a transport that refuses every call. */
    static List<ReportDefinition> definitions() {
        SentryApi none = new SentryApi() {
            @Override
            public String organization() {
                return "acme";
            }

            @Override
            public CompletionStage<SentryResponse> get(SentryRequest call, Optional<String> cursor) {
                return CompletableFuture.failedFuture(new AssertionError("no HTTP in this test"));
            }

            @Override
            public CompletionStage<SentryResponse> exchange(SentryRequest call, Optional<String> cursor) {
                return CompletableFuture.failedFuture(new AssertionError("no HTTP in this test"));
            }

            @Override
            public String detail(String body) {
                return "";
            }

            @Override
            public ConnectorException unauthenticated(String body, String asked) {
                throw new AssertionError("no HTTP in this test");
            }
        };
        return new SentryReports(none, Clock.systemUTC()).definitions();
    }

    private static JsonSchema schema(String id) {
        ReportDefinition d = definitions().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        try {
            return FACTORY.getSchema(JSON.readTree(d.parametersSchema()), CONFIG);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Set<ValidationMessage> validate(String report, String params) throws Exception {
        return schema(report).validate(JSON.readTree(params));
    }

    private static void accepts(String report, String params) throws Exception {
        assertEquals(Set.of(), validate(report, params), report + " accepts " + params);
    }

    private static void rejects(String report, String params) throws Exception {
        assertTrue(!validate(report, params).isEmpty(), report + " rejects " + params);
    }

    @Test
    void theSixteenReportsInOrder() {
        assertEquals(List.of("organizations", "projects", "organization-projects", "organization-repositories",
                        "organization-teams", "team-projects", "project-users", "project-feedback", "project-events",
                        "project-events-entries", "project-issues", "issue-events", "issue-events-entries",
                        "event-counts-organization", "event-counts-project", "event-counts-team"),
                definitions().stream().map(ReportDefinition::id).toList());
    }

    @Test
    void everySchemaIsValidJsonSchema202012() throws Exception {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);
        for (ReportDefinition d : definitions()) {
            JsonNode schema = JSON.readTree(d.parametersSchema());
            assertEquals(Set.of(), meta.validate(schema), d.id());
            assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText(), d.id());
            assertEquals(false, schema.path("additionalProperties").asBoolean(true), d.id());
            // compiles, and every example of a property validates against it
            FACTORY.getSchema(schema, CONFIG);
        }
    }

    @Test
    void theSameParameterHasTheSameSchemaInEveryReport() throws Exception {
        Map<String, JsonNode> seen = new java.util.HashMap<>();
        for (ReportDefinition d : definitions()) {
            JsonNode props = JSON.readTree(d.parametersSchema()).path("properties");
            for (var it = props.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode before = seen.putIfAbsent(e.getKey(), e.getValue());
                if (before != null) {
                    assertEquals(before, e.getValue(), "parameter " + e.getKey() + " in " + d.id());
                }
            }
        }
        assertEquals(Set.of("organization", "projects", "teams", "issue", "query", "status", "full", "stat",
                "outcome", "category", "interval", "date", "daysBack", "start", "end"), seen.keySet());
    }

    @Test
    void everyColumnIsTyped() {
        for (ReportDefinition d : definitions()) {
            for (Column c : d.columns()) {
                assertTrue(!c.description().isBlank(), d.id() + "." + c.name() + " has a description");
            }
        }
    }

    @Test
    void dateWindowForms() throws Exception {
        String r = "project-events";
        accepts(r, "{\"projects\": [\"web\"]}");
        accepts(r, "{\"projects\": [\"web\"], \"date\": \"2026-03-10\"}");
        accepts(r, "{\"projects\": [\"web\"], \"daysBack\": 7}");
        accepts(r, "{\"projects\": [\"web\"], \"daysBack\": \"7\"}");
        accepts(r, "{\"projects\": [\"web\"], \"start\": \"2026-03-01\", \"end\": \"2026-03-05\"}");
        accepts(r, "{\"projects\": [\"web\"], \"start\": 10, \"end\": 5}");
        accepts(r, "{\"projects\": [\"web\"], \"start\": \"10\", \"end\": \"0\"}");
        accepts(r, "{\"projects\": [\"web\"], \"start\": \"2026-03-01\", \"end\": 2}");
        rejects(r, "{\"projects\": [\"web\"], \"date\": \"10/03/2026\"}");
        rejects(r, "{\"projects\": [\"web\"], \"date\": \"2026-02-30\"}");
        rejects(r, "{\"projects\": [\"web\"], \"daysBack\": 0}");
        rejects(r, "{\"projects\": [\"web\"], \"daysBack\": 91}");
        rejects(r, "{\"projects\": [\"web\"], \"daysBack\": \"91\"}");
        rejects(r, "{\"projects\": [\"web\"], \"start\": 10}");
        rejects(r, "{\"projects\": [\"web\"], \"end\": 10}");
        rejects(r, "{\"projects\": [\"web\"], \"start\": 91, \"end\": 0}");
        rejects(r, "{\"projects\": [\"web\"], \"start\": \"yesterday\", \"end\": 0}");
        rejects(r, "{\"projects\": [\"web\"], \"date\": \"2026-03-10\", \"daysBack\": 3}");
        rejects(r, "{\"projects\": [\"web\"], \"date\": \"2026-03-10\", \"start\": 3, \"end\": 1}");
        rejects(r, "{\"projects\": [\"web\"], \"daysBack\": 3, \"start\": 3, \"end\": 1}");
    }

    @Test
    void listsAndChoices() throws Exception {
        accepts("project-users", "{\"projects\": \"all\"}");
        accepts("project-users", "{\"projects\": [\"web\", 4500001], \"query\": \"email:a@b.example\"}");
        rejects("project-users", "{}");
        rejects("project-users", "{\"projects\": []}");
        rejects("project-users", "{\"projects\": [\"web\"], \"teams\": [\"x\"]}");
        accepts("team-projects", "{\"teams\": [\"backend\"], \"organization\": \"acme\"}");
        rejects("team-projects", "{\"teams\": [\"backend\"], \"organization\": \"Not A Slug\"}");
        accepts("issue-events", "{\"issue\": [\"100000001\"], \"daysBack\": 30}");
        accepts("issue-events", "{\"issue\": 100000001}");
        rejects("issue-events", "{\"issue\": [\"WEB-1A\"]}");
        accepts("organization-repositories", "{\"status\": \"deleted\"}");
        rejects("organization-repositories", "{\"status\": \"hidden\"}");
        accepts("project-events", "{\"projects\": \"web\", \"full\": true}");
        accepts("project-events", "{\"projects\": \"web\", \"full\": \"false\"}");
        rejects("project-events", "{\"projects\": \"web\", \"full\": \"maybe\"}");
        accepts("event-counts-organization", "{\"stat\": \"rejected\", \"category\": \"error\", \"interval\": \"1h\"}");
        accepts("event-counts-organization", "{\"outcome\": \"rate_limited\", \"interval\": \"1d\"}");
        rejects("event-counts-organization", "{\"stat\": \"rejected\", \"outcome\": \"accepted\"}");
        rejects("event-counts-organization", "{\"stat\": \"generated\"}");
        rejects("event-counts-organization", "{\"interval\": \"30m\"}");
        rejects("event-counts-organization", "{\"interval\": \"2d\"}");
        accepts("event-counts-project", "{\"projects\": [\"web\"], \"stat\": \"blacklisted\", \"interval\": \"6h\"}");
        accepts("event-counts-team", "{\"teams\": \"all\", \"daysBack\": 2}");
        rejects("organizations", "{\"organization\": \"acme\"}");
    }
}
