/**
 * The Sentry connector's one HTTP layer, shared by the check, the identity sync, the reports and provisioning.
 * <ul>
 *   <li>{@link dev.plugboard.sentry.http.Endpoint}: the catalogue of every endpoint called, with its method, path
 *       template, token scope, message text and whether it is serial; the one path-segment encoder and the one
 *       page size;</li>
 *   <li>{@link dev.plugboard.sentry.http.SentryRequest} and {@link dev.plugboard.sentry.http.SentryResponse}: the
 *       one request/response vocabulary;</li>
 *   <li>{@link dev.plugboard.sentry.http.SentryClient}: sends a request, paced by
 *       {@link dev.plugboard.sentry.http.RateLimitPacer}, retried by {@link dev.plugboard.sentry.http.RetryPolicy},
 *       counted, its {@code Link} header read; failures mapped by
 *       {@link dev.plugboard.sentry.http.SentryErrors} into {@link dev.plugboard.sentry.http.SentryException}s;</li>
 *   <li>{@link dev.plugboard.sentry.http.SentryApi}: what the reports and provisioning are given (requests routed
 *       to the organization's region host, answers off the event loop);</li>
 *   <li>{@link dev.plugboard.sentry.http.RegionResolver}: which host the token may be sent to.</li>
 * </ul>
 */
package dev.plugboard.sentry.http;
