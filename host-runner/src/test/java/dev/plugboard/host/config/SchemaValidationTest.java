package dev.plugboard.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "required": ["authToken", "organization"], "additionalProperties": false,
             "properties": {
               "authToken": {"type": "string", "writeOnly": true, "minLength": 10},
               "organization": {"type": "string", "pattern": "^[a-z0-9-]+$"},
               "baseUrl": {"type": "string", "format": "uri"},
               "maxConcurrency": {"type": "integer", "minimum": 1, "maximum": 25},
               "mode": {"enum": ["fast", "safe"]},
               "proxy": {"type": "object", "properties": {"password": {"type": "string", "x-secret": true}}}
             }}""";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void reportsEveryErrorWithItsPointerAndAPlainMessage() throws Exception {
        SchemaValidator validator = SchemaValidator.compile(SCHEMA, "test schema");
        assertThat(validator.validate(json("""
                {"authToken": "short", "organization": "Acme Corp", "baseUrl": "not a uri",
                 "maxConcurrency": 99, "mode": "turbo", "colour": "red"}""")))
                .extracting(SchemaError::toString)
                .containsExactly(
                        "/authToken: must be at least 10 characters long",
                        "/baseUrl: must be a valid uri",
                        "/colour: is not a known property (check its spelling)",
                        "/maxConcurrency: must be at most 25",
                        "/mode: must be one of [\"fast\", \"safe\"]",
                        "/organization: must match the pattern ^[a-z0-9-]+$");
        assertThat(validator.validate(json("{\"maxConcurrency\": \"four\"}")))
                .extracting(SchemaError::toString)
                .containsExactly(
                        "/authToken: is required but missing",
                        "/maxConcurrency: must be of type integer, but is string",
                        "/organization: is required but missing");
        assertThat(validator.validate(json("{\"authToken\": \"sntryi_0123456789\", \"organization\": \"acme\"}"))).isEmpty();
    }

    @Test
    void findsSecretFieldsAndMasksTheirValuesEverywhere() throws Exception {
        JsonNode schema = json(SCHEMA);
        assertThat(SecretFields.declared(schema)).containsExactly("authToken", "password");
        JsonNode config = json("{\"authToken\": \"sntryi_fake_abcdef\", \"organization\": \"acme\","
                + " \"proxy\": {\"password\": \"hunter22\"}}");
        SecretMasker masker = SecretMasker.of(config, SecretFields.declared(schema));
        assertThat(masker.mask("GET failed with token sntryi_fake_abcdef and password hunter22"))
                .isEqualTo("GET failed with token **** and password ****");
        assertThat(masker.maskConfig(config).toString())
                .isEqualTo("{\"authToken\":\"****\",\"organization\":\"acme\",\"proxy\":{\"password\":\"****\"}}");
        assertThat(SecretFields.unmarked(json("{\"properties\": {\"apiToken\": {\"type\": \"string\"},"
                + " \"name\": {\"type\": \"string\"}, \"password\": {\"type\": \"string\", \"writeOnly\": true}}}")))
                .isEqualTo(Set.of("/properties/apiToken"));
    }

    @Test
    void findsSecretsDeclaredThroughRefsCombinatorsItemsAndMapsAndMasksThemAtAnyDepth() throws Exception {
        JsonNode schema = json("""
                {"type": "object", "$defs": {"cred": {"type": "string", "writeOnly": true}},
                 "properties": {
                   "auth": {"oneOf": [
                     {"properties": {"token": {"$ref": "#/$defs/cred"}}},
                     {"properties": {"user": {"type": "string"}, "pass": {"$ref": "#/$defs/cred"}}}]},
                   "headers": {"type": "object", "additionalProperties": {"type": "string", "x-secret": true}},
                   "keys": {"type": "array", "items": {"type": "string", "writeOnly": true}},
                   "name": {"type": "string"}
                 }}""");
        assertThat(SecretFields.declared(schema)).containsExactly("headers", "keys", "pass", "token");
        JsonNode config = json("""
                {"auth": {"user": "ada", "pass": "correct-horse"}, "headers": {"X-Api": "hdr-secret-1"},
                 "keys": ["key-one-1", "key-two-2"], "name": "prod", "list": [{"token": "tok-in-list"}]}""");
        SecretMasker masker = SecretMasker.of(config, SecretFields.declared(schema));
        assertThat(masker.mask("correct-horse hdr-secret-1 key-one-1 key-two-2 tok-in-list prod ada"))
                .isEqualTo("**** **** **** **** **** prod ada");
        assertThat(masker.maskConfig(config).toString()).isEqualTo("{\"auth\":{\"user\":\"ada\",\"pass\":\"****\"},"
                + "\"headers\":\"****\",\"keys\":\"****\",\"name\":\"prod\",\"list\":[{\"token\":\"****\"}]}");
        assertThat(SecretFields.unmarked(json("{\"properties\": {\"auth\": {\"anyOf\": [{\"properties\":"
                + " {\"clientSecret\": {\"type\": \"string\"}}}]}}}")))
                .containsExactly("/properties/auth/anyOf/0/properties/clientSecret");
    }

    @Test
    void aBrokenSchemaIsReportedAsSuch() {
        assertThatThrownBy(() -> SchemaValidator.compile("{not json", "plugin 'x' config schema"))
                .isInstanceOf(SchemaValidator.InvalidSchemaException.class)
                .hasMessageStartingWith("plugin 'x' config schema is not valid JSON: ");
        assertThatThrownBy(() -> SchemaValidator.compile("{\"type\": \"nonsense\"}", "plugin 'x' config schema"))
                .isInstanceOf(SchemaValidator.InvalidSchemaException.class)
                .hasMessageStartingWith("plugin 'x' config schema is not a valid JSON Schema 2020-12: /type: ");
    }
}
