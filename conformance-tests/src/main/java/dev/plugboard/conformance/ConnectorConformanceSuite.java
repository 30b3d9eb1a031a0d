package dev.plugboard.conformance;

/**
 * The whole conformance suite every Plugboard plugin must pass: every check of every subject. A plugin's test extends
 * it and supplies a {@link ConformanceFixture}: the built jar, a working configuration against a backend the test
 * controls, and optionally bad configurations, a bad credential, report parameters and a grant to round-trip.
 *
 * <pre>{@code
 * class MyPluginConformanceIT extends ConnectorConformanceSuite {
 *     public ConformanceFixture fixture() {
 *         return ConformanceFixture.builder(Path.of("target/my-plugin.jar"), Map.of("url", backend.url()))
 *                 .badConfig("unknown host", Map.of("url", "http://127.0.0.1:1"))
 *                 .build();
 *     }
 * }
 * }</pre>
 *
 * <p>The plugin is loaded from its jar through the host's own {@link dev.plugboard.host.plugin.PluginLoader} and
 * synced through the host's own {@link dev.plugboard.host.sync.SyncEngine}, so it is tested exactly as a host will
 * run it. Each check is one test whose failure message says what to fix. Checks of a capability the plugin does not
 * declare are skipped. To run only some subjects, implement their interfaces instead ({@link DescriptorChecks},
 * {@link ConfigChecks}, {@link SyncChecks}, {@link ReportChecks}, {@link ProvisioningChecks},
 * {@link HygieneChecks}).
 */
public abstract class ConnectorConformanceSuite implements DescriptorChecks, ConfigChecks, SyncChecks, ReportChecks,
        ProvisioningChecks, HygieneChecks {
}
