package dev.plugboard.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.runtime.HostContext;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins that throw Errors, loop forever or never complete cannot take the host down (issue 14). */
class PluginFailuresTest {
    @TempDir
    Path work;
    Path plugins;
    FixtureJars fixtures;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        fixtures = new FixtureJars(Files.createDirectories(work.resolve("build")));
    }

    private void install(Path jar) throws Exception {
        Files.move(jar, plugins.resolve(jar.getFileName()));
    }

    /** A jar whose provider is the working fixture with {@code descriptor()} replaced by {@code body}. */
    private void descriptorDoing(String jarName, String className, String body) throws Exception {
        String simple = className.substring(className.indexOf('.') + 1);
        install(fixtures.jar(jarName)
                .source(className + "Base", FixtureJars.provider(className + "Base", simple.toLowerCase(), "1.0", ""))
                .source(className, "package fx;\nimport dev.plugboard.spi.*;\npublic class " + simple + " extends "
                        + simple + "Base {\n public ConnectorDescriptor descriptor() {\n" + body + "\n }\n}\n")
                .service(className).build());
    }

    private static ConnectorConfig config() {
        return new ConnectorConfig("{\"token\":\"secret-token\",\"url\":\"http://127.0.0.1\"}",
                Map.of("token", "secret-token", "url", "http://127.0.0.1"));
    }

    private static HostContext context() {
        return new HostContext("fixture", SecretMasker.none(), new Limits(2, Duration.ofSeconds(5)), Clock.systemUTC());
    }

    @Test
    void errorsAndEndlessLoopsWhileLoadingMakeThatPluginBrokenAndTheOthersKeepWorking() throws Exception {
        install(fixtures.jar("a-good.jar").source("fx.Good", FixtureJars.provider("fx.Good", "good", "1.0", ""))
                .service("fx.Good").build());
        descriptorDoing("so.jar", "fx.Deep", "return descriptor();");
        descriptorDoing("assert.jar", "fx.Asserts", "throw new AssertionError(\"descriptor not ready\");");
        descriptorDoing("oom.jar", "fx.Hungry", "long[] all = new long[Integer.MAX_VALUE]; return null;");
        descriptorDoing("loops.jar", "fx.Loops", "while (true) { Thread.onSpinWait(); }");
        install(fixtures.jar("ctor-error.jar").source("fx.CtorError", FixtureJars.provider("fx.CtorError", "ctor", "1.0",
                "public CtorError() { throw new AssertionError(\"bad state\"); }")).service("fx.CtorError").build());

        long started = System.nanoTime();
        try (PluginCatalog catalog = new PluginLoader(SpiVersion.current(), Duration.ofSeconds(1)).load(plugins)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(catalog.ids()).containsExactly("good");
            assertThat(catalog.failures()).extracting(f -> f.jar().getFileName() + " | " + f.reason()).containsExactly(
                    "assert.jar | fx.Asserts failed while giving its descriptor: java.lang.AssertionError: descriptor"
                            + " not ready",
                    "ctor-error.jar | Provider fx.CtorError could not be instantiated: its constructor threw"
                            + " java.lang.AssertionError: bad state",
                    "loops.jar | did not finish loading within 1 s: its provider's constructor or descriptor() never"
                            + " returned (a bug in the plugin)",
                    "oom.jar | fx.Hungry failed while giving its descriptor: java.lang.OutOfMemoryError: Requested array"
                            + " size exceeds VM limit",
                    "so.jar | fx.Deep failed while giving its descriptor: java.lang.StackOverflowError");
            try (Connector good = catalog.find("good").orElseThrow().open(config(), context())) {
                assertThat(good.check().toCompletableFuture().get().findings()).hasSize(2);
            }
        }
    }

    @Test
    void everyCallIntoAPluginHasADeadlineAndTheErrorNamesTheCall() throws Exception {
        install(fixtures.jar("stall.jar").source("fx.Stall", """
                package fx;
                import dev.plugboard.spi.*;
                import java.util.*;
                import java.util.concurrent.*;
                public class Stall implements ConnectorProvider {
                    public ConnectorDescriptor descriptor() {
                        return new ConnectorDescriptor("stall", "Stall", "1.0", SpiVersion.parse("1.0"),
                            Set.of(Capability.RESOURCE_SYNC), Optional.empty(), "{\\"type\\":\\"object\\"}", 1);
                    }
                    public Connector open(ConnectorConfig config, ConnectorContext context) {
                        return new Connector() {
                            public CompletionStage<CheckResult> check() {
                                return new CompletableFuture<>();
                            }
                            public Optional<ResourceSync> resourceSync() {
                                while (true) {
                                    Thread.onSpinWait();
                                }
                            }
                            public Optional<Reports> reports() {
                                throw new StackOverflowError();
                            }
                            public void close() {
                            }
                        };
                    }
                }
                """).service("fx.Stall").build());

        try (PluginCatalog catalog = new PluginLoader(SpiVersion.current(), Duration.ofSeconds(1)).load(plugins);
             Connector stall = catalog.find("stall").orElseThrow().open(config(), context())) {
            assertThatThrownBy(() -> stall.check().toCompletableFuture().get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ConnectorException.class)
                    .hasMessage("plugin 'stall' did not complete check() within 1 s (the host's deadline for one plugin"
                            + " call; a plugin bug or a server that stalls; raise it with --plugin-timeout SECONDS)")
                    .matches(e -> ((ConnectorException) e).kind() == ErrorKind.INTERNAL);
            assertThatThrownBy(stall::resourceSync).isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("plugin 'stall' did not return from resourceSync() within 1 s (");
            assertThatThrownBy(stall::reports).isInstanceOf(ConnectorException.class)
                    .hasMessage("plugin 'stall' failed in reports(): java.lang.StackOverflowError (a bug in the plugin)");
        }
    }
}
