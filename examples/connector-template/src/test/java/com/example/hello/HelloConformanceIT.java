package com.example.hello;

import dev.plugboard.conformance.ConformanceFixture;
import dev.plugboard.conformance.ConnectorConformanceSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The conformance suite on the jar this build just made (failsafe runs it after 'package'). A connector of a real
 * system starts a simulator or WireMock here and points the working config at it.
 */
class HelloConformanceIT extends ConnectorConformanceSuite {

    @Override
    public ConformanceFixture fixture() {
        Path jar = Path.of(System.getProperty("plugboard.plugin.jar", "target/hello-connector.jar"));
        return ConformanceFixture.builder(jar, Map.of("users", HelloConnectorTest.USERS, "pageSize", 2))
                .badConfig("two users with one id", Map.of("users", List.of(
                        Map.of("id", "u1", "name", "Ada Lovelace"), Map.of("id", "u1", "name", "Alan Turing"))))
                .build();
    }
}
