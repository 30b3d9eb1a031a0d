package dev.plugboard.sentry;

import dev.plugboard.conformance.TestConnectorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vert.x's own log lines (a pooled connection reset while idle: {@code SEVERE: Connection reset}) go to the host's
 * logger, which masks secrets, never raw to stderr through Vert.x's default (java.util.logging) logging.
 */
class VertxLogTest {
    private static final String ORG_JSON = "{\"id\":\"7\",\"slug\":\"acme\",\"name\":\"Acme\",\"orgRoleList\":"
            + "[{\"id\":\"member\",\"name\":\"Member\"}]}";

    private final List<LogRecord> raw = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            raw.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger vertxLogger = Logger.getLogger("");
    private ServerSocket server;

    @AfterEach
    void stop() throws Exception {
        vertxLogger.removeHandler(capture);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anIdleConnectionResetByTheServerIsLoggedThroughTheHostsLogger() throws Exception {
        vertxLogger.addHandler(capture);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread serve = new Thread(() -> {
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    // the request's head
                }
                byte[] body = ORG_JSON.getBytes(StandardCharsets.UTF_8);
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                Thread.sleep(300);
                s.setSoLinger(true, 0); // close with a reset while the connection idles in the client's pool
            } catch (Exception e) {
                // the test's server: nothing to report
            }
        });
        serve.start();
        TestConnectorContext ctx = TestConnectorContext.create();
        try (SentryConnector c = SentryConnector.open(new SentryConfig("sntryi_test_log_0123456789", "acme",
                URI.create("http://127.0.0.1:" + server.getLocalPort()), Optional.empty(), Optional.empty()), ctx,
                FastTuning.tuning())) {
            assertEquals(1, c.resourceSync().orElseThrow().resources("organization", Optional.empty(),
                    Optional.empty()).toCompletableFuture().join().items().size());
            serve.join(5000);
            Thread.sleep(500);
        }
        assertEquals(List.of(), raw.stream().map(r -> r.getLevel() + ": " + r.getMessage()).toList(),
                "nothing logged raw by Vert.x");
        assertTrue(ctx.logLines().stream().anyMatch(l -> l.startsWith("DEBUG connection to Sentry failed: ")
                && l.contains("reset")), ctx.logLines().toString());
    }
}
