/**
 * Request counters: the total of API requests and of 429 answers, and both per endpoint ({@code METHOD template}),
 * which tests and benchmarks read to assert exact request counts.
 */
package dev.plugboard.simulator.stats;
