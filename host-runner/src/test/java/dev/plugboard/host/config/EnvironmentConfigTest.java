package dev.plugboard.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentConfigTest {
    private static final String SCHEMA = """
            {"type": "object", "properties": {
              "authToken": {"type": "string", "writeOnly": true, "x-env": "SENTRY_AUTH_TOKEN"},
              "organization": {"type": "string", "x-env": "SENTRY_ORG"},
              "baseUrl": {"type": "string", "x-env": "SENTRY_URL"},
              "maxConcurrency": {"type": "integer", "x-env": "SENTRY_CONCURRENCY"},
              "verbose": {"type": "boolean", "x-env": "SENTRY_VERBOSE"},
              "other": {"type": "string"}}}
            """;

    private static JsonNode schema() throws Exception {
        return Json.read(SCHEMA);
    }

    @Test
    void theVariablesTheSchemaNamesFillTheirPropertiesTyped() throws Exception {
        assertThat(EnvironmentConfig.variables(schema())).containsExactly(Map.entry("authToken", "SENTRY_AUTH_TOKEN"),
                Map.entry("organization", "SENTRY_ORG"), Map.entry("baseUrl", "SENTRY_URL"),
                Map.entry("maxConcurrency", "SENTRY_CONCURRENCY"), Map.entry("verbose", "SENTRY_VERBOSE"));
        Map<String, String> env = Map.of("SENTRY_AUTH_TOKEN", "sntryu_x", "SENTRY_ORG", "acme",
                "SENTRY_CONCURRENCY", " 4 ", "SENTRY_VERBOSE", "true", "SENTRY_URL", "");
        assertThat(EnvironmentConfig.from(schema(), n -> Optional.ofNullable(env.get(n))).orElseThrow().toString())
                .isEqualTo("{\"authToken\":\"sntryu_x\",\"organization\":\"acme\",\"maxConcurrency\":4,"
                        + "\"verbose\":true}");
    }

    @Test
    void noneSetIsEmptyAndTheMessageNamesThem() throws Exception {
        assertThat(EnvironmentConfig.from(schema(), n -> Optional.empty())).isEmpty();
        assertThat(EnvironmentConfig.missing(schema(), "sentry")).isEqualTo("no --config given, and none of"
                + " SENTRY_AUTH_TOKEN, SENTRY_ORG, SENTRY_URL, SENTRY_CONCURRENCY, SENTRY_VERBOSE is set: give a config"
                + " file with --config FILE, or set the variables ('plugboard spec sentry' shows which property each"
                + " fills)");
        assertThat(EnvironmentConfig.missing(Json.read("{\"type\": \"object\"}"), "file")).isEqualTo("no --config"
                + " given: plugin 'file' takes its configuration from a file only; give it with --config FILE (or -"
                + " for standard input)");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedButNotQuoted() {
        assertThatThrownBy(() -> EnvironmentConfig.from(schema(),
                n -> Optional.ofNullable(Map.of("SENTRY_CONCURRENCY", "four-secret").get(n))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("the environment variable SENTRY_CONCURRENCY (maxConcurrency) must be a number");
    }
}
