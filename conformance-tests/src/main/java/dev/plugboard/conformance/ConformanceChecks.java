package dev.plugboard.conformance;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every conformance test interface shares: the fixture the plugin's test class supplies, one test instance for
 * all checks (the plugin is loaded once), the checks in the suite's order, and failure messages with every secret
 * masked. A plugin's test class implements the interfaces of the subjects to check:
 *
 * <pre>{@code
 * class MyPluginConformanceIT implements DescriptorChecks, ConfigChecks, SyncChecks, HygieneChecks {
 *     public ConformanceFixture fixture() {
 *         return ConformanceFixture.builder(Path.of("target/my-plugin.jar"), Map.of("url", backend.url())).build();
 *     }
 * }
 * }</pre>
 *
 * or extends {@link ConnectorConformanceSuite}, which implements them all. {@link #fixture()} is called once, before
 * the first check, so the class may start its backend in a {@code @BeforeAll} method or in {@code fixture()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConformanceExtension.class)
public interface ConformanceChecks {

    /**
     * @return the plugin jar, a working configuration against a backend the test controls, and the optional parts
     *         (bad configs, a bad credential, report parameters, a grant to round-trip)
     * @throws Exception when the backend cannot be set up
     */
    ConformanceFixture fixture() throws Exception;
}
