package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.RetryPolicy;
import dev.plugboard.conformance.TestConnectorContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code close()} ends every call: one waiting to retry, one in flight, and one made afterwards. */
class ConnectorCloseTest {
    private static final String TOKEN = "sntryi_test_close_0123456789";
    /** Backoff long enough that a call is certainly still waiting when the test closes the connector. */
    private static final Tuning SLOW_RETRIES = new Tuning(new RetryPolicy(5, Duration.ofSeconds(60),
            Duration.ofSeconds(60)), 5, Duration.ofSeconds(5), Duration.ofMillis(20));

    private WireMockServer server;
    private ServerSocket silent;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (silent != null) {
            silent.close();
        }
    }

    private static SentryConnector open(String base, TestConnectorContext ctx) {
        return SentryConnector.open(new SentryConfig(TOKEN, "acme", URI.create(base), Optional.empty(),
                Optional.empty()), ctx, SLOW_RETRIES);
    }

    private static CompletableFuture<Page<Resource>> users(SentryConnector c) {
        return c.resourceSync().orElseThrow().resources("user", Optional.empty(), Optional.empty())
                .toCompletableFuture();
    }

    /** The call must fail with CANCELLED within the join timeout (it used to never complete). */
    private static void assertCancelled(CompletableFuture<?> call) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(20, TimeUnit.SECONDS));
        ConnectorException ce = assertInstanceOf(ConnectorException.class, e.getCause());
        assertEquals(ErrorKind.CANCELLED, ce.kind());
        assertEquals("the connector was closed", ce.getMessage());
    }

    @Test
    void aCallWaitingToRetryFailsAsCancelledOnClose() throws Exception {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        server.stubFor(get(urlPathEqualTo("/api/0/organizations/acme/")).willReturn(okJson("{\"id\":\"7\","
                + "\"slug\":\"acme\",\"name\":\"Acme\",\"links\":{\"regionUrl\":\"" + base + "\"},"
                + "\"orgRoleList\":[{\"id\":\"member\",\"name\":\"Member\"}]}")));
        server.stubFor(get(urlPathEqualTo("/api/0/organizations/acme/members/")).willReturn(aResponse()
                .withStatus(503).withBody("{\"detail\":\"Internal Error\"}")));
        TestConnectorContext ctx = TestConnectorContext.create();
        SentryConnector c = open(base, ctx);
        CompletableFuture<Page<Resource>> call = users(c);
        while (ctx.retries().isEmpty() && !call.isDone()) {
            Thread.sleep(10); // until the 503 was answered and the retry is scheduled
        }
        c.close();
        assertCancelled(call);
        assertCancelled(users(c));
    }

    @Test
    void aCallInFlightFailsAsCancelledOnClose() throws Exception {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TestConnectorContext ctx = TestConnectorContext.create();
        SentryConnector c = open("http://127.0.0.1:" + silent.getLocalPort(), ctx);
        CompletableFuture<Page<Resource>> call = users(c);
        try (Socket accepted = silent.accept()) {
            InputStream in = accepted.getInputStream();
            in.read(); // the request has been sent and is waiting for an answer that never comes
            c.close();
            assertCancelled(call);
        }
    }
}
