package dev.plugboard.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.json.Json;
import org.junit.jupiter.api.Test;

/** Rules about properties together read as the properties' names, never as schema text. */
class SchemaMessagesTest {
    private static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"date": {"type": "string"}, "daysBack": {"type": "integer"},
                            "start": {"type": "string"}, "end": {"type": "string"},
                            "stat": {"type": "string"}, "outcome": {"type": "string"}},
             "dependentRequired": {"start": ["end"], "end": ["start"]},
             "dependentSchemas": {
               "date": {"not": {"anyOf": [{"required": ["daysBack"]}, {"required": ["start"]}, {"required": ["end"]}]}},
               "stat": {"not": {"required": ["outcome"]}}}}
            """;

    private static String errors(String document) throws Exception {
        return SchemaValidator.compile(SCHEMA, "test schema").validate(Json.read(document)).toString();
    }

    @Test
    void propertiesThatCannotGoTogetherAreNamed() throws Exception {
        assertThat(errors("{\"date\": \"2026-11-30\", \"daysBack\": 3}"))
                .isEqualTo("[/date: cannot go together with 'daysBack', 'start' or 'end': give one of them]");
        assertThat(errors("{\"stat\": \"received\", \"outcome\": \"accepted\"}"))
                .isEqualTo("[/stat: cannot go together with 'outcome': give one of them]");
    }

    @Test
    void aPropertyThatNeedsAnotherSaysSo() throws Exception {
        assertThat(errors("{\"start\": \"10\"}"))
                .isEqualTo("[/end: is required when 'start' is given: give both, or neither]");
    }

    @Test
    void anotherNotNeverShowsSchemaText() {
        assertThat(NetworkntSchemaValidator.readable("/x", "must not be valid to the schema \"/not\" : {\"const\": 1}")
                .toString()).isEqualTo("/x: has a combination of values the plugin does not accept");
    }
}
