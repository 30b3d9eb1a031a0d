/**
 * Sentry's rate limits: fixed windows and concurrency limits per caller and endpoint
 * ({@link dev.plugboard.simulator.ratelimit.RateLimiter}) per a {@link dev.plugboard.simulator.ratelimit.RateLimitPolicy},
 * answered with 429 and Sentry's rate-limit headers.
 */
package dev.plugboard.simulator.ratelimit;
