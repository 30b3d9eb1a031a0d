/**
 * A plugin's configuration: {@link dev.plugboard.host.config.ConfigLoader} reads JSON or YAML and resolves
 * {@code ${env:...}} and {@code ${file:...}}; {@link dev.plugboard.host.config.SchemaValidator} checks it against the
 * plugin's JSON Schema (networknt, messages for people, every error with its JSON pointer);
 * {@link dev.plugboard.host.config.SecretFields} finds the properties the schema marks secret and
 * {@link dev.plugboard.host.config.SecretMasker} masks their values wherever the host prints or logs.
 * {@link dev.plugboard.host.config.ConfigResolver} does all three into a
 * {@link dev.plugboard.host.config.ResolvedConfig}.
 */
package dev.plugboard.host.config;
