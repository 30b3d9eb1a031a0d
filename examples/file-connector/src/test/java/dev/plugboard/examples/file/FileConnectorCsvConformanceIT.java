package dev.plugboard.examples.file;

import dev.plugboard.conformance.ConformanceFixture;
import dev.plugboard.conformance.ConnectorConformanceSuite;
import java.util.Map;

/** The file connector against the conformance suite, reading a folder of CSV files one record a page. */
class FileConnectorCsvConformanceIT extends ConnectorConformanceSuite {
    @Override
    public ConformanceFixture fixture() {
        return ConformanceFixture.builder(FileConnectorConformanceIT.pluginJar(),
                        Map.of("path", FileConnectorConformanceIT.resource("csv-export").toString(), "format", "csv",
                                "pageSize", 1))
                .badConfig("format json on a folder",
                        Map.of("path", FileConnectorConformanceIT.resource("csv-export").toString(), "format", "json"))
                .build();
    }
}
