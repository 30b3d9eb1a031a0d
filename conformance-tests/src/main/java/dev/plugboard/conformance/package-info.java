/**
 * The conformance suite every Plugboard plugin must pass (JUnit 5). A plugin's test class implements the test
 * interfaces of the subjects to check ({@link dev.plugboard.conformance.DescriptorChecks},
 * {@link dev.plugboard.conformance.ConfigChecks}, {@link dev.plugboard.conformance.SyncChecks},
 * {@link dev.plugboard.conformance.ReportChecks}, {@link dev.plugboard.conformance.ProvisioningChecks},
 * {@link dev.plugboard.conformance.HygieneChecks}), or extends
 * {@link dev.plugboard.conformance.ConnectorConformanceSuite} for all, and supplies a
 * {@link dev.plugboard.conformance.ConformanceFixture}. The plugin's built jar is loaded with the host's
 * {@code PluginLoader} and synced with the host's {@code SyncEngine}, so it is checked as the host runs it.
 * {@link dev.plugboard.conformance.ConformanceRunner} runs the suite outside a build ({@code plugboard conformance},
 * a {@code CommandExtension}); {@link dev.plugboard.conformance.TestConnectorContext} is a {@code ConnectorContext}
 * for a plugin's own unit tests.
 */
package dev.plugboard.conformance;
