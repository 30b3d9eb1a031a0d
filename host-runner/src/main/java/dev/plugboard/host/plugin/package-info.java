/**
 * Loading plugins: {@link dev.plugboard.host.plugin.PluginLoader} gives every jar of the plugins folder its own
 * {@link dev.plugboard.host.plugin.PluginClassLoader} (the SPI and the JDK from the host, everything else from the
 * jar), finds its {@code ConnectorProvider}s and checks their descriptors, into a
 * {@link dev.plugboard.host.plugin.PluginCatalog} of {@link dev.plugboard.host.plugin.LoadedPlugin}s and
 * {@link dev.plugboard.host.plugin.PluginFailure}s. A connector is opened wrapped in {@code IsolatedConnector}: every
 * call under the plugin's class loader, on the host's threads with a deadline
 * ({@link dev.plugboard.host.plugin.PluginCalls}), a throw, a {@code null} or a stage that never completes turned
 * into a clear failure; its wrappers forward
 * every SPI method ({@code IsolationWrappersTest}). It depends on no other package of the host.
 */
package dev.plugboard.host.plugin;
