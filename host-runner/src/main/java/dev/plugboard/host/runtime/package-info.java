/**
 * What a running plugin is given and how its calls are made: {@link dev.plugboard.host.runtime.HostContext} (the
 * {@code ConnectorContext}: a logger that masks secrets, limits, the clock, cancellation, a progress sink that
 * counts requests), and the retries of failed calls ({@link dev.plugboard.host.runtime.Retrier} per a
 * {@link dev.plugboard.host.runtime.RetryPolicy}, waiting through a {@link dev.plugboard.host.runtime.Delayer}
 * without holding a thread); {@link dev.plugboard.host.runtime.Futures} takes the wrappers off a failed stage.
 */
package dev.plugboard.host.runtime;
