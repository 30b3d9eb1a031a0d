package dev.plugboard.host.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.CliRun;
import dev.plugboard.host.plugin.FixtureJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard reports PLUGIN} without a configuration: from the provider when it names its reports (SPI 1.1),
 * and a clear message for a plugin that can name them only from an open connector (SPI 1.0).
 */
class ReportsWithoutConfigTest {
    /** An SPI 1.1 plugin that names its reports itself; opening a connector fails, so a listing cannot open one. */
    private static final String NAMED = """
            package fx;
            import dev.plugboard.spi.*;
            import java.util.*;
            public class Named implements ConnectorProvider {
                public ConnectorDescriptor descriptor() {
                    return new ConnectorDescriptor("named", "Named", "1.1.0", SpiVersion.parse("1.1"),
                        Set.of(Capability.REPORTS), Optional.empty(),
                        "{\\"type\\":\\"object\\",\\"required\\":[\\"token\\"],\\"properties\\":{\\"token\\":{\\"type\\":\\"string\\"}}}", 1);
                }
                public Optional<List<ReportDefinition>> reportDefinitions() {
                    return Optional.of(List.of(new ReportDefinition("teams", "Teams", "One row per team.",
                        "{\\"type\\":\\"object\\",\\"properties\\":{\\"limit\\":{\\"type\\":\\"integer\\"}}}",
                        List.of(Column.of("slug", ColumnType.STRING)))));
                }
                public Connector open(ConnectorConfig config, ConnectorContext context) {
                    throw new ConnectorException(ErrorKind.CONFIG, "opened");
                }
            }
            """;

    @TempDir
    Path work;
    Path plugins;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        FixtureJars jars = new FixtureJars(Files.createDirectories(work.resolve("build")));
        Files.move(jars.jar("spi10.jar").source(Spi10Fixture.CLASS, Spi10Fixture.source())
                .service(Spi10Fixture.CLASS).build(), plugins.resolve("spi10.jar"));
        Files.move(jars.jar("named.jar").source("fx.Named", NAMED).service("fx.Named").build(),
                plugins.resolve("named.jar"));
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void aPluginThatNamesItsReportsListsThemWithoutAConfigurationOrAConnector() {
        CliRun text = run("reports", "named");
        CliRun json = run("reports", "named", "--json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).isEqualTo("""
                teams  Teams
                  One row per team.
                  parameters:
                    limit (integer)
                  columns: slug STRING
                  fetched: full refresh (every run reads the whole report)
                """);
        assertThat(text.err()).isEmpty();
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).isEqualTo("""
                {
                  "reports" : [ {
                    "id" : "teams",
                    "title" : "Teams",
                    "description" : "One row per team.",
                    "parameters" : {
                      "type" : "object",
                      "properties" : {
                        "limit" : {
                          "type" : "integer"
                        }
                      }
                    },
                    "columns" : [ {
                      "name" : "slug",
                      "type" : "STRING",
                      "description" : ""
                    } ]
                  } ]
                }
                """);
    }

    @Test
    void withAConfigurationTheReportsComeFromTheConnectorAsBefore() throws Exception {
        Path config = Files.writeString(work.resolve("named.json"), "{\"token\": \"t\"}");

        CliRun listed = run("reports", "named", "--config", config.toString());

        assertThat(listed.exitCode()).isEqualTo(3);
        assertThat(listed.err()).isEqualTo("plugboard: opened\n");
    }

    @Test
    void aPluginBuiltForSpi10StillListsItsReportsFromAConfigurationAndSaysWhyItNeedsOne() throws Exception {
        CliRun without = run("reports", "spi10");
        CliRun with = run("reports", "spi10", "--config", Files.writeString(work.resolve("c.json"), "{}").toString());

        assertThat(without.exitCode()).isEqualTo(2);
        assertThat(without.out()).isEmpty();
        assertThat(without.err()).isEqualTo("plugboard: plugin 'spi10' was built against SPI 1.0, so it lists its"
                + " reports only from a connector, which needs a configuration: no --config given: plugin 'spi10'"
                + " takes its configuration from a file only; give it with --config FILE (or - for standard"
                + " input)\n");
        assertThat(with.exitCode()).isZero();
        assertThat(with.out()).startsWith("rows  Rows\n  Five rows.\n");
    }
}
