/**
 * The Plugboard connector SPI: the whole contract between the Plugboard host and a connector plugin.
 *
 * <p>A plugin is one jar holding a {@link dev.plugboard.spi.ConnectorProvider} registered in
 * {@code META-INF/services/dev.plugboard.spi.ConnectorProvider}. The host reads its
 * {@link dev.plugboard.spi.ConnectorDescriptor}, validates a configuration against the descriptor's JSON
 * Schema, then {@linkplain dev.plugboard.spi.ConnectorProvider#open opens} a
 * {@link dev.plugboard.spi.Connector} that offers the optional capabilities
 * {@link dev.plugboard.spi.ResourceSync}, {@link dev.plugboard.spi.Provisioning} and
 * {@link dev.plugboard.spi.Reports}.
 *
 * <p>Rules every type here follows: JDK types only (no type from a third-party library crosses the SPI, so
 * each class has exactly one defining class loader, the host's); immutable records with checked constructors;
 * {@link java.util.Optional} rather than {@code null} for absent values; remote work returns a
 * {@link java.util.concurrent.CompletionStage} so an asynchronous plugin and a concurrent host meet without a
 * thread per request; failures are a {@link dev.plugboard.spi.ConnectorException} with a
 * {@link dev.plugboard.spi.ErrorKind} the host can act on.
 */
package dev.plugboard.spi;
