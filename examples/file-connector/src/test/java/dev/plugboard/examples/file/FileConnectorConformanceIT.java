package dev.plugboard.examples.file;

import dev.plugboard.conformance.ConformanceFixture;
import dev.plugboard.conformance.ConnectorConformanceSuite;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The file connector against the conformance suite, reading a JSON export. Runs with failsafe after 'package', on
 * the shaded jar the build just made.
 */
class FileConnectorConformanceIT extends ConnectorConformanceSuite {

    static Path pluginJar() {
        return Path.of(System.getProperty("plugboard.plugin.jar", "target/file-connector.jar"));
    }

    static Path resource(String name) {
        try {
            return Path.of(FileConnectorConformanceIT.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ConformanceFixture fixture() {
        Path export = resource("export.json");
        return ConformanceFixture.builder(pluginJar(), Map.of("path", export.toString(), "pageSize", 2))
                .badConfig("path does not exist", Map.of("path", export.resolveSibling("missing.json").toString()))
                .badConfig("a membership names unknown users and groups",
                        Map.of("path", resource("broken-csv").toString()))
                .reportParameters(FileReports.USER_ACCESS, Map.of("status", "active"))
                .build();
    }
}
