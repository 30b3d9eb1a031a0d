package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Validates JSON documents against a JSON Schema (draft 2020-12). The host's own small interface over the
 * validation library, whose API changes between major versions.
 */
public interface SchemaValidator {

    /**
     * @param instance the document
     * @return every error, ordered by pointer; empty when valid
     */
    List<SchemaError> validate(JsonNode instance);

    /**
     * Compiles a schema.
     *
     * @param schemaJson the schema as JSON text
     * @param what       what the schema is for, used in the error message (e.g. "plugin sentry's config schema")
     * @return a validator
     * @throws InvalidSchemaException when the text is not a usable JSON Schema
     */
    static SchemaValidator compile(String schemaJson, String what) throws InvalidSchemaException {
        return NetworkntSchemaValidator.compile(schemaJson, what);
    }

    /**
     * Validates a schema document against the JSON Schema 2020-12 meta-schema (used by the conformance suite).
     *
     * @param schema a schema document
     * @return how it breaks the meta-schema, ordered by pointer; empty when it is a valid schema
     */
    static List<SchemaError> metaSchemaErrors(JsonNode schema) {
        return NetworkntSchemaValidator.metaSchemaErrors(schema);
    }

    /** A schema that is not valid JSON or not a usable JSON Schema. */
    final class InvalidSchemaException extends Exception {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong with it */
        public InvalidSchemaException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
