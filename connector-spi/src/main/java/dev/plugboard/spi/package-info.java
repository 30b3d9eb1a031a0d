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
 *
 * <h2>Compatibility</h2>
 * A plugin compiled against an older SPI of the same major version runs on a newer host ({@link
 * dev.plugboard.spi.SpiVersion#canRun}), so the SPI only grows, and the build checks it: japicmp compares every
 * build with the last release ({@code connector-spi/api-baseline}) and fails on any binary or source
 * incompatibility. To grow it:
 * <ul>
 *   <li>a record that gains a component keeps its old canonical constructor, as a constructor that delegates with
 *       the new component's "absent" value (an empty {@code Optional} or list, a documented default), so a plugin
 *       built against the old record still links and still compiles;</li>
 *   <li>an interface gains only {@code default} methods, whose default keeps the old behaviour; the host's
 *       isolation wrappers must forward each one (a host test fails until they do);</li>
 *   <li>an enum gains constants only at the end, and no method or type is removed or renamed: deprecate it, and
 *       remove it in the next major version.</li>
 * </ul>
 */
package dev.plugboard.spi;
