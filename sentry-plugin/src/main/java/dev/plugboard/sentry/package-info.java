/**
 * The Sentry connector's wiring: the provider the host finds ({@link dev.plugboard.sentry.SentryConnectorProvider}),
 * the configuration ({@link dev.plugboard.sentry.SentryConfig}), and the open connector
 * ({@link dev.plugboard.sentry.SentryConnector}), which starts one Vert.x instance and one HTTP client and builds
 * the four capabilities on them. What each capability does lives in its own package:
 * <ul>
 *   <li>{@link dev.plugboard.sentry.http}: the one HTTP layer (client, pacing, retries, errors, endpoints);</li>
 *   <li>{@link dev.plugboard.sentry.identity}: the check and the identity sync;</li>
 *   <li>{@link dev.plugboard.sentry.reports}: the sixteen reports;</li>
 *   <li>{@link dev.plugboard.sentry.provisioning}: grants, revokes and accounts.</li>
 * </ul>
 * Packages depend downwards only: the root on all, {@code identity}, {@code reports} and {@code provisioning} on
 * {@code http}, {@code http} on none of them.
 */
package dev.plugboard.sentry;
