/**
 * Sentry's auth tokens as the simulator accepts them: kinds told apart by prefix
 * ({@link dev.plugboard.simulator.auth.TokenKind}), scopes and their implications
 * ({@link dev.plugboard.simulator.auth.Scopes}), expiry and organization limits
 * ({@link dev.plugboard.simulator.auth.ApiToken}), and the registry of accepted tokens.
 */
package dev.plugboard.simulator.auth;
