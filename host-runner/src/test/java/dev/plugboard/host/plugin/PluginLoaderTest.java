package dev.plugboard.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.Finding;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir
    Path work;
    Path plugins;
    FixtureJars fixtures;

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        fixtures = new FixtureJars(Files.createDirectories(work.resolve("build")));
    }

    private Path install(Path jar) throws IOException {
        return Files.move(jar, plugins.resolve(jar.getFileName()));
    }

    private Path good(String jarName, String className, String id) throws IOException {
        return install(fixtures.jar(jarName)
                .source(className, FixtureJars.provider(className, id, "1.0", ""))
                .service(className).build());
    }

    private static ConnectorConfig config(String token) {
        return new ConnectorConfig("{\"token\":\"" + token + "\",\"url\":\"http://127.0.0.1\"}",
                Map.of("token", token, "url", "http://127.0.0.1"));
    }

    private static HostContext context() {
        return new HostContext("fixture", SecretMasker.none(), new Limits(2, Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @Test
    void loadsAGoodPluginAndRunsItsCallsInsideItsOwnClassLoader() throws Exception {
        good("good.jar", "fx.Good", "good");
        try (PluginCatalog catalog = new PluginLoader().load(plugins)) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.ids()).containsExactly("good");
            LoadedPlugin plugin = catalog.find("good").orElseThrow();
            assertThat(plugin.descriptor().version()).isEqualTo("1.2.3");
            assertThat(plugin.jar()).isEqualTo(plugins.resolve("good.jar").toAbsolutePath());
            ClassLoader before = Thread.currentThread().getContextClassLoader();
            try (Connector connector = plugin.open(config("secret-token"), context())) {
                CheckResult result = connector.check().toCompletableFuture().get();
                assertThat(result.findings()).containsExactly(
                        Finding.info("tccl", "plugin loader"),
                        Finding.info("isolation", "host classes are hidden"));
            }
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
            // SPI types are the host's own: one defining loader
            assertThat(plugin.classLoader().loadClass(ConnectorProvider.class.getName())).isSameAs(ConnectorProvider.class);
        }
    }

    @Test
    void everyBrokenJarIsReportedWithItsReasonAndTheOthersStillLoad() throws Exception {
        good("a-good.jar", "fx.Good", "good");
        install(fixtures.jar("no-service.jar").source("fx.NoService", FixtureJars.provider("fx.NoService", "noservice", "1.0", "")).build());
        install(fixtures.jar("no-ctor.jar")
                .source("fx.NoCtor", FixtureJars.provider("fx.NoCtor", "noctor", "1.0", "public NoCtor(String s) {}"))
                .service("fx.NoCtor").build());
        install(fixtures.jar("ctor-throws.jar")
                .source("fx.Throws", FixtureJars.provider("fx.Throws", "throws", "1.0",
                        "public Throws() { throw new IllegalStateException(\"no license file\"); }"))
                .service("fx.Throws").build());
        install(fixtures.jar("static-throws.jar")
                .source("fx.Static", FixtureJars.provider("fx.Static", "static", "1.0",
                        "static { if (true) throw new IllegalStateException(\"static boom\"); }"))
                .service("fx.Static").build());
        install(fixtures.jar("newer-spi.jar")
                .source("fx.Newer", FixtureJars.provider("fx.Newer", "newer", "1.9", ""))
                .service("fx.Newer").build());
        byte[] spiClass;
        try (InputStream in = ConnectorProvider.class.getResourceAsStream("ConnectorProvider.class")) {
            spiClass = in.readAllBytes();
        }
        install(fixtures.jar("bundles-spi.jar")
                .source("fx.Bundles", FixtureJars.provider("fx.Bundles", "bundles", "1.0", ""))
                .service("fx.Bundles")
                .entry("dev/plugboard/spi/ConnectorProvider.class", spiClass).build());
        install(fixtures.jar("dup-1.jar").source("fx.Dup1", FixtureJars.provider("fx.Dup1", "dup", "1.0", "")).service("fx.Dup1").build());
        install(fixtures.jar("dup-2.jar").source("fx.Dup2", FixtureJars.provider("fx.Dup2", "dup", "1.0", "")).service("fx.Dup2").build());
        install(fixtures.corrupt("corrupt.jar"));
        install(fixtures.jar("missing-class.jar").service("fx.NotThere").build());

        try (PluginCatalog catalog = new PluginLoader().load(plugins)) {
            assertThat(catalog.ids()).containsExactly("good");
            assertThat(catalog.failures()).extracting(f -> f.jar().getFileName().toString() + " | " + f.reason())
                    .containsExactly(
                            "bundles-spi.jar | bundles its own copy of the Plugboard SPI (dev/plugboard/spi/*.class);"
                                    + " declare connector-spi with <scope>provided</scope> so the host's copy is the only one",
                            "corrupt.jar | not a readable jar (ZipException: zip END header not found)",
                            "ctor-throws.jar | Provider fx.Throws could not be instantiated: its constructor threw"
                                    + " java.lang.IllegalStateException: no license file",
                            "dup-1.jar | plugin id 'dup' is provided by more than one jar (dup-1.jar, dup-2.jar);"
                                    + " none of them is loaded: keep one",
                            "dup-2.jar | plugin id 'dup' is provided by more than one jar (dup-1.jar, dup-2.jar);"
                                    + " none of them is loaded: keep one",
                            "missing-class.jar | Provider fx.NotThere not found",
                            "newer-spi.jar | plugin 'newer' needs Plugboard SPI 1.9 but this host offers SPI 1.1;"
                                    + " upgrade the host or use a plugin built for SPI 1.1",
                            "no-ctor.jar | fx.NoCtor Unable to get public no-arg constructor: a ConnectorProvider needs"
                                    + " a public constructor without arguments",
                            "no-service.jar | not a Plugboard plugin: it has no"
                                    + " META-INF/services/dev.plugboard.spi.ConnectorProvider naming its ConnectorProvider implementation",
                            "static-throws.jar | its static initializer failed: java.lang.IllegalStateException: static boom");
        }
    }

    @Test
    void aPluginBuiltForAnOlderMinorSpiRunsAndAnOlderMajorDoesNot() throws Exception {
        good("good.jar", "fx.Good", "good");
        try (PluginCatalog catalog = new PluginLoader(new SpiVersion(1, 3)).load(plugins)) {
            assertThat(catalog.ids()).containsExactly("good");
        }
        try (PluginCatalog catalog = new PluginLoader(new SpiVersion(2, 0)).load(plugins)) {
            assertThat(catalog.ids()).isEmpty();
            assertThat(catalog.failures()).extracting(PluginFailure::reason).containsExactly(
                    "plugin 'good' needs Plugboard SPI 1.0 but this host offers SPI 2.0; rebuild the plugin against SPI 2.0");
        }
    }

    @Test
    void aMissingFolderIsAnEmptyCatalog() throws Exception {
        try (PluginCatalog catalog = new PluginLoader().load(work.resolve("nowhere"))) {
            assertThat(catalog.plugins()).isEmpty();
            assertThat(catalog.failures()).isEmpty();
        }
    }

    @Test
    void aPluginBundlingAnotherJacksonVersionUsesItsOwn() throws Exception {
        String libs = System.getProperty("plugboard.fixture.libs", "");
        Path dir = Path.of(libs.isEmpty() ? "target/fixture-libs" : libs);
        Assumptions.assumeTrue(Files.isDirectory(dir), "fixture Jackson jars not copied to " + dir);
        List<Path> jackson;
        try (var files = Files.list(dir)) {
            jackson = files.filter(p -> p.getFileName().toString().startsWith("jackson-")).sorted().toList();
        }
        assertThat(jackson).hasSize(3);
        FixtureJars.Jar jar = fixtures.jar("jackson-user.jar")
                .source("fx.JacksonUser", """
                        package fx;
                        import dev.plugboard.spi.*;
                        import java.util.*;
                        import java.util.concurrent.*;
                        public class JacksonUser implements ConnectorProvider {
                            public ConnectorDescriptor descriptor() {
                                return new ConnectorDescriptor("jackson-user", "Jackson user", "1.0.0", SpiVersion.parse("1.0"),
                                        Set.of(), Optional.empty(), "{\\"type\\":\\"object\\"}", 1);
                            }
                            public Connector open(ConnectorConfig config, ConnectorContext context) {
                                return new Connector() {
                                    public CompletionStage<CheckResult> check() {
                                        try {
                                            String url = new com.fasterxml.jackson.databind.ObjectMapper()
                                                    .readTree(config.json()).get("url").asText();
                                            return CompletableFuture.completedFuture(new CheckResult(List.of(
                                                    Finding.info("jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()),
                                                    Finding.info("url", url))));
                                        } catch (Exception e) {
                                            return CompletableFuture.failedFuture(e);
                                        }
                                    }
                                    public void close() {
                                    }
                                };
                            }
                        }
                        """)
                .service("fx.JacksonUser");
        jackson.forEach(jar::bundle);
        install(jar.build());
        String hostJackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        try (PluginCatalog catalog = new PluginLoader().load(plugins);
             Connector connector = catalog.find("jackson-user").orElseThrow().open(config("whatever-token"), context())) {
            List<Finding> findings = connector.check().toCompletableFuture().get().findings();
            String pluginJackson = findings.get(0).message();
            assertThat(pluginJackson).isNotEqualTo(hostJackson).startsWith("2.17.");
            assertThat(findings.get(1)).isEqualTo(Finding.info("url", "http://127.0.0.1"));
        }
    }
}
