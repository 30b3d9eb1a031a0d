/**
 * The simulator's HTTP layer, independent of WireMock: a {@link dev.plugboard.simulator.http.Router} of
 * {@link dev.plugboard.simulator.http.Route} templates to endpoints, requests and responses, Sentry's error bodies
 * ({@link dev.plugboard.simulator.http.ApiError}) and its cursor pagination with {@code Link} headers
 * ({@link dev.plugboard.simulator.http.Paginator}, {@link dev.plugboard.simulator.http.Cursor}).
 */
package dev.plugboard.simulator.http;
