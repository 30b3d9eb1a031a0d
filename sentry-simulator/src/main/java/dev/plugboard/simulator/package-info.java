/**
 * A local Sentry Web API for tests, the demo and benchmarks: {@link dev.plugboard.simulator.SentrySimulator} serves
 * a generated organization over WireMock on 127.0.0.1 ({@code Main} runs it as a command), with Sentry's
 * pagination, auth scopes, rate limits and faults. It follows Sentry's documented API and server code (each
 * behaviour beyond the published spec cites the Sentry source file, in the code and in a test), never the plugin.
 * Packages: {@code api} (the endpoints), {@code http} (routing, requests, responses, cursors), {@code model} (the
 * organization and its data), {@code auth}, {@code ratelimit}, {@code faults}, {@code stats}.
 */
package dev.plugboard.simulator;
