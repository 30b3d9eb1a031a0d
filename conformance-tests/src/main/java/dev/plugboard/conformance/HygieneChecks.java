package dev.plugboard.conformance;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Conformance checks of a plugin's manners: no secret in any output or error, no thread left running after
 * {@code close()}, no SPI class in the jar.
 */
public interface HygieneChecks extends ConformanceChecks {
    @Test
    @Order(900)
    @DisplayName("hygiene: no secret in any output or error")
    default void noSecretInAnyOutput(SuiteRun run) {
        ConformanceSession s = run.session();
        Set<String> secrets = s.secrets();
        Assumptions.assumeFalse(secrets.isEmpty(), "no config property is secret and the fixture names no secret:"
                + " nothing to look for");
        // make sure every kind of output has been produced at least once, whatever checks ran before
        List<String> configs = new ArrayList<>(List.of(s.fixture().workingConfig()));
        s.fixture().badCredential().ifPresent(configs::add);
        s.fixture().badConfigs().forEach(b -> configs.add(b.json()));
        for (String config : configs) {
            try (Connector c = s.open(config)) {
                s.transcript().add("check() findings", s.await(c.check(), "check()").findings());
            } catch (ConformanceSession.CallFailure e) {
                // recorded in the transcript
            }
        }
        if (s.descriptor().offers(Capability.RESOURCE_SYNC)) {
            s.firstSync();
        }
        if (s.descriptor().offers(Capability.REPORTS)) {
            try (Connector c = s.openWorking()) {
                c.reports().ifPresent(r -> r.definitions().forEach(d -> {
                    s.transcript().add("report definition", d);
                    String params = s.fixture().reportParameters().getOrDefault(d.id(), "{}");
                    try {
                        Page<Row> page = s.await(r.run(d.id(), Json.values(Json.object(params, "parameters")),
                                Optional.empty()), "report " + d.id());
                        s.transcript().add("report " + d.id() + " rows", page);
                    } catch (ConformanceSession.CallFailure e) {
                        // recorded in the transcript
                    }
                }));
            }
        }
        Problems problems = new Problems();
        problems.addAll(s.transcript().leaks(secrets));
        problems.failIfAny("a secret value appears in the plugin's output: never put a credential in a message,"
                + " a log line, a profile, a row or a page token");
    }

    @Test
    @Order(910)
    @DisplayName("hygiene: close() leaves no thread running")
    default void closeLeavesNoThreads(SuiteRun run) throws InterruptedException {
        ClassLoader loader = run.session().plugin().classLoader();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (Connector c = run.session().openWorking()) {
            try {
                run.session().await(c.check(), "check()");
                Optional<ResourceSync> sync = c.resourceSync();
                if (sync.isPresent() && !sync.get().resourceTypes().isEmpty()) {
                    run.session().await(sync.get().resources(sync.get().resourceTypes().get(0).id(), Optional.empty(),
                            Optional.empty()), "resources()");
                }
            } catch (ConformanceSession.CallFailure e) {
                // other checks report it; this one is about threads
            }
        }
        long deadline = System.nanoTime() + run.session().fixture().threadGrace().toNanos();
        List<Thread> leaked = leaked(before, loader);
        while (!leaked.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            leaked = leaked(before, loader);
        }
        Problems problems = new Problems();
        leaked.forEach(t -> problems.add("thread '" + t.getName() + "' (" + (t.isDaemon() ? "daemon, " : "")
                + t.getState() + ", " + t.getClass().getName() + ")"));
        problems.failIfAny("threads started by the plugin are still running "
                + run.session().fixture().threadGrace().toMillis() + " ms after close(): stop them in Connector.close()"
                + " (shut down executors, event loops and HTTP clients). A daemon thread counts too: it does not"
                + " keep the JVM alive, but it keeps running, and keeps the plugin's class loader, for as long as"
                + " the host does");
    }

    /**
     * @return the live threads the plugin started, daemon or not: not there before, and either of a class the
     *     plugin loaded (an event loop's thread class) or with the plugin's class loader as context loader (the
     *     host calls the plugin with it, and new threads inherit it). Threads of the fixture's backend (a
     *     simulator's or WireMock's pool) are neither, so they do not count, however many it starts meanwhile.
     */
    private static List<Thread> leaked(Set<Thread> before, ClassLoader loader) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader)
                .sorted(java.util.Comparator.comparing(Thread::getName))
                .toList();
    }

    @Test
    @Order(920)
    @DisplayName("hygiene: the jar holds no SPI classes")
    default void jarHoldsNoSpiClasses(SuiteRun run) throws IOException {
        java.nio.file.Path jar = run.session().fixture().pluginJar();
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new AssertionFailedError("the plugin jar " + jar.toAbsolutePath() + " does not exist: build it"
                    + " first");
        }
        List<String> spi;
        try (JarFile file = new JarFile(jar.toFile())) {
            spi = file.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("dev/plugboard/spi/") && n.endsWith(".class"))
                    .sorted().collect(Collectors.toList());
        }
        if (!spi.isEmpty()) {
            throw new AssertionFailedError(jar.getFileName() + " bundles " + spi.size() + " SPI classes (e.g. "
                    + spi.get(0) + "): declare connector-spi with <scope>provided</scope> so the shaded jar leaves it"
                    + " out; the host refuses plugins that carry their own SPI");
        }
    }
}
