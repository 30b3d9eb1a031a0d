/**
 * Faults a test injects into the simulator ({@link dev.plugboard.simulator.faults.FaultRule}: which requests, what
 * goes wrong, how many times): server errors, reset connections, empty, truncated or malformed bodies, latency; so a
 * client's retries and error mapping are tested against a real HTTP server.
 */
package dev.plugboard.simulator.faults;
