package dev.plugboard.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.config.SchemaError;
import dev.plugboard.host.config.SchemaValidator;
import dev.plugboard.host.config.SecretFields;
import dev.plugboard.host.plugin.LoadedPlugin;
import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.host.plugin.PluginFailure;
import dev.plugboard.host.plugin.PluginLoader;
import dev.plugboard.host.runtime.Futures;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * One conformance run's use of one plugin: the jar copied into a plugins folder of its own and loaded through the
 * host's {@link PluginLoader}, the configurations, the secrets to look for, and everything the plugin said.
 */
final class ConformanceSession implements AutoCloseable {
    /** A plugin call that failed (its stage completed exceptionally, or it threw). */
    static final class CallFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallFailure(String what, Throwable cause) {
            super(what + " failed: " + describe(cause), cause);
        }
    }

    private final ConformanceFixture fixture;
    private final Transcript transcript = new Transcript();
    private final Path folder;
    private final PluginCatalog catalog;
    private final Optional<LoadedPlugin> plugin;
    private final String loadFailure;
    private SyncSnapshot firstSync;

    ConformanceSession(ConformanceFixture fixture) {
        this.fixture = fixture;
        Path jar = fixture.pluginJar().toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            this.folder = null;
            this.catalog = null;
            this.plugin = Optional.empty();
            this.loadFailure = "the plugin jar " + jar + " does not exist: build it first (run the conformance test"
                    + " in the integration-test phase with maven-failsafe-plugin, after 'package' has built the jar)";
            return;
        }
        try {
            this.folder = Files.createTempDirectory("plugboard-conformance-");
            Files.copy(jar, folder.resolve(jar.getFileName()));
            this.catalog = new PluginLoader().load(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar + " into a plugins folder", e);
        }
        Optional<LoadedPlugin> found = fixture.pluginId().isPresent()
                ? catalog.find(fixture.pluginId().get())
                : catalog.plugins().size() == 1 ? Optional.of(catalog.plugins().get(0)) : Optional.empty();
        this.plugin = found;
        if (found.isPresent()) {
            this.loadFailure = "";
        } else if (!catalog.failures().isEmpty()) {
            this.loadFailure = "the host cannot load " + jar.getFileName() + ": " + catalog.failures().stream()
                    .map(PluginFailure::reason).collect(Collectors.joining("; "));
        } else if (catalog.plugins().isEmpty()) {
            this.loadFailure = jar.getFileName() + " holds no connector provider";
        } else {
            this.loadFailure = jar.getFileName() + " holds the plugins " + catalog.ids()
                    + fixture.pluginId().map(id -> " but not '" + id + "'").orElse("")
                    + fixture.inputs().howToNameThePlugin().map(how -> "; " + how).orElse("");
        }
    }

    ConformanceFixture fixture() {
        return fixture;
    }

    Transcript transcript() {
        return transcript;
    }

    /** @return the loaded plugin, or fails the current check with the reason it did not load */
    LoadedPlugin plugin() {
        return plugin.orElseThrow(() -> new AssertionFailedError(loadFailure));
    }

    ConnectorDescriptor descriptor() {
        return plugin().descriptor();
    }

    /** @return the config schema, parsed */
    ObjectNode schema() {
        try {
            return Json.object(descriptor().configSchema(), "the config schema");
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError("descriptor().configSchema() " + e.getMessage());
        }
    }

    /** @return a validator of configs; fails the current check when the schema is unusable */
    SchemaValidator validator() {
        try {
            return SchemaValidator.compile(descriptor().configSchema(), "the config schema");
        } catch (SchemaValidator.InvalidSchemaException e) {
            throw new AssertionFailedError(e.getMessage() + " (fix descriptor().configSchema())");
        }
    }

    List<SchemaError> validate(ObjectNode config) {
        return validator().validate(config);
    }

    /** @return every secret value: those under the secret properties of every fixture config, and the extra ones */
    Set<String> secrets() {
        Set<String> names = SecretFields.declared(schema());
        Set<String> values = new LinkedHashSet<>(fixture.secrets());
        Stream.concat(Stream.concat(Stream.of(fixture.workingConfig()), fixture.badCredential().stream()),
                        fixture.badConfigs().stream().map(BadConfig::json))
                .map(json -> Json.object(json, "a config"))
                .forEach(config -> values.addAll(SecretFields.values(config, names)));
        values.removeIf(v -> v.length() < 4);
        return values;
    }

    /**
     * Opens a connector the way the host does.
     *
     * @param json a configuration
     * @return the open connector; close it
     * @throws CallFailure when open() throws
     */
    Connector open(String json) {
        ObjectNode config = Json.object(json, "the config");
        LoadedPlugin p = plugin();
        try {
            return p.open(new ConnectorConfig(Json.text(config), Json.values(config)),
                    new RecordingContext(transcript, new Limits(p.descriptor().defaultConcurrency(),
                            Duration.ofSeconds(30))));
        } catch (RuntimeException | LinkageError e) {
            transcript.addFailure("open()", e);
            throw new CallFailure("open()", e);
        }
    }

    Connector openWorking() {
        try {
            return open(fixture.workingConfig());
        } catch (CallFailure e) {
            throw new AssertionFailedError("cannot open a connector with the working config: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for a plugin call.
     *
     * @throws CallFailure when the stage fails
     * @throws AssertionFailedError when it does not complete in time
     */
    <T> T await(CompletionStage<T> stage, String what) {
        try {
            T value = stage.toCompletableFuture().get(fixture.callTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new CallFailure(what, new NullPointerException(what + " completed with null"));
            }
            return value;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = Futures.unwrap(e);
            transcript.addFailure(what, cause);
            throw new CallFailure(what, cause);
        } catch (TimeoutException e) {
            throw new AssertionFailedError(what + " did not complete within " + fixture.callTimeout().toSeconds()
                    + " s: a stage must always complete (check for a lost callback or a deadlock)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for " + what);
        }
    }

    /** @return the first full sync of the working config, run once and kept */
    synchronized SyncSnapshot firstSync() {
        if (firstSync == null) {
            firstSync = freshSync();
        }
        return firstSync;
    }

    /** @return a new sync, with a connector of its own */
    SyncSnapshot freshSync() {
        try (Connector connector = openWorking()) {
            return SyncChecker.run(this, connector.resourceSync().orElseThrow(() -> new AssertionFailedError(
                    "the plugin declares RESOURCE_SYNC but connector.resourceSync() is empty")));
        }
    }

    static String describe(Throwable t) {
        Throwable c = Futures.unwrap(t);
        if (c instanceof ConnectorException ce) {
            return "ConnectorException(" + ce.kind() + "): " + ce.getMessage();
        }
        return c.getClass().getName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    @Override
    public void close() {
        if (catalog != null) {
            catalog.close();
        }
        if (folder != null) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
