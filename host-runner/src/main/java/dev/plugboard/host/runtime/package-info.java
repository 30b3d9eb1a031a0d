/**
 * What a running plugin is given and how its calls are made: {@link dev.plugboard.host.runtime.HostContext} (the
 * {@code ConnectorContext}: a logger that masks secrets, limits, the clock, cancellation, a progress sink that
 * counts requests), and retries of failed calls for a caller that owns them ({@link dev.plugboard.host.runtime.Retrier}
 * per a {@link dev.plugboard.host.runtime.RetryPolicy}, waiting through a {@link dev.plugboard.host.runtime.Delayer}
 * without holding a thread; the CLI and Kafka Connect jobs use {@code Retrier.none()}, since a connector retries its
 * own requests); {@link dev.plugboard.host.runtime.Futures} takes the wrappers off a failed stage.
 */
package dev.plugboard.host.runtime;
