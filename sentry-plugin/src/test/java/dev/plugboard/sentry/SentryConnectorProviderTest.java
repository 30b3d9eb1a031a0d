package dev.plugboard.sentry;

import dev.plugboard.conformance.TestConnectorContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.SpiVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SentryConnectorProviderTest {

    @Test
    void isFoundByTheServiceLoader() {
        List<ConnectorProvider> found = new ArrayList<>();
        ServiceLoader.load(ConnectorProvider.class).forEach(found::add);
        assertEquals(List.of(SentryConnectorProvider.class), found.stream().map(Object::getClass).toList());
    }

    @Test
    void describesItself() throws Exception {
        ConnectorDescriptor d = new SentryConnectorProvider().descriptor();
        assertEquals("sentry", d.id());
        assertEquals("Sentry", d.displayName());
        assertTrue(d.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), d.version());
        assertEquals(SpiVersion.parse("1.1"), d.spiVersion());
        assertTrue(SpiVersion.current().canRun(d.spiVersion()));
        assertEquals(Set.of(Capability.RESOURCE_SYNC, Capability.REPORTS, Capability.PROVISIONING), d.capabilities());
        assertEquals(8, d.defaultConcurrency());
        assertEquals(Optional.of(SentryConnectorProvider.DOCUMENTATION_URL), d.documentationUrl());

        JsonNode schema = new ObjectMapper().readTree(d.configSchema());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.path("$schema").asText());
        assertFalse(schema.path("additionalProperties").asBoolean(true));
        assertEquals(List.of("authToken", "organization"), toList(schema.path("required")));
        List<String> props = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(props::add);
        assertEquals(List.of("authToken", "organization", "baseUrl", "maxConcurrency", "requestTimeoutSeconds",
                "maxResponseMegabytes"), props);
        for (String p : props) {
            assertFalse(schema.path("properties").path(p).path("description").asText().isBlank(), p);
        }
        JsonNode token = schema.path("properties").path("authToken");
        assertTrue(token.path("writeOnly").asBoolean());
        assertTrue(token.path("x-secret").asBoolean());
        List<String> secret = new ArrayList<>();
        schema.path("properties").fields().forEachRemaining(e -> {
            if (e.getValue().path("writeOnly").asBoolean()) {
                secret.add(e.getKey());
            }
        });
        assertEquals(List.of("authToken"), secret);
        assertEquals("https://sentry.io", schema.path("properties").path("baseUrl").path("default").asText());
        assertEquals(1, schema.path("properties").path("maxConcurrency").path("minimum").asInt());
        assertEquals(25, schema.path("properties").path("maxConcurrency").path("maximum").asInt());
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void openRefusesHttpToARemoteHost() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("authToken", "sntryi_test_open_0000");
        values.put("organization", "acme");
        values.put("baseUrl", "http://sentry.example.com");
        ConnectorException e = assertThrows(ConnectorException.class, () -> new SentryConnectorProvider()
                .open(new ConnectorConfig("{}", values), TestConnectorContext.create()));
        assertEquals(ErrorKind.CONFIG, e.kind());
        assertEquals("baseUrl must use https; http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost),"
                + " got http://sentry.example.com", e.getMessage());
    }

    @Test
    void offersEveryDeclaredCapabilityAndLeavesNoThreadBehind() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().members(5).teams(2).projects(2)
                .build())) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("authToken", sim.token());
            values.put("organization", sim.organization());
            values.put("baseUrl", sim.baseUrl());
            Set<Thread> withSimulator = Thread.getAllStackTraces().keySet();
            Connector c = new SentryConnectorProvider().open(new ConnectorConfig("{}", values), TestConnectorContext.create());
            assertTrue(c.resourceSync().isPresent());
            assertTrue(c.reports().isPresent());
            // the provider names the same reports without a connector (plugboard reports sentry needs no config)
            assertEquals(Optional.of(c.reports().orElseThrow().definitions()),
                    new SentryConnectorProvider().reportDefinitions());
            assertEquals(16, c.reports().orElseThrow().definitions().size());
            assertTrue(c.provisioning().isPresent());
            assertTrue(c.check().toCompletableFuture().join().ok());
            SyncWalker.walk(c.resourceSync().orElseThrow());
            c.close();
            c.close();
            // Threads the connector (Vert.x, Netty, our callback pool) may have started; the simulator's Jetty
            // threads are not ours. Netty's global executor ends by itself after a quiet second: wait for it.
            List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !withSimulator.contains(t) && !before.contains(t))
                    .filter(t -> !t.getName().startsWith("qtp") && !t.getName().startsWith("Connector-Scheduler"))
                    .toList();
            for (Thread t : ours) {
                if (!t.isDaemon() || t.getName().startsWith("vert.x-")) {
                    try {
                        t.join(10_000); // event loop threads end just after vertx.close() completes
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            Set<String> left = ours.stream().filter(Thread::isAlive)
                    .filter(t -> !t.isDaemon() || t.getName().startsWith("vert.x-"))
                    .map(Thread::getName).collect(Collectors.toSet());
            assertEquals(Set.of(), left);
        }
    }
}
