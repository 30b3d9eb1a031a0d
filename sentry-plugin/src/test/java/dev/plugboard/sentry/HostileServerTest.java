package dev.plugboard.sentry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.sun.net.httpserver.HttpServer;
import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.sentry.http.RetryPolicy;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Progress;
import dev.plugboard.spi.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that attacks or stalls the connector (issue 14): huge and gzip-bomb bodies, rate-limit times an hour
 * away or absurd, records without ids, an Error on the event loop, a constructor that fails half way. Each test
 * failed before its fix (hung, read the whole body, or failed as a bug).
 */
class HostileServerTest {
    private static final String TOKEN = "sntryi_test_hostile_0123456789";
    private static final String ORG = "/api/0/organizations/acme/";
    private static final String MEMBERS = "/api/0/organizations/acme/members/";
    private static final String ORG_JSON = "{\"id\":\"7\",\"slug\":\"acme\",\"name\":\"Acme\",\"orgRoleList\":"
            + "[{\"id\":\"member\",\"name\":\"Member\"}]}";
    /** Short bounds: windows believed 1 s ahead, waits over 100 ms announced, 3 s of waiting per request. */
    private static final Tuning SHORT = new Tuning(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)), 5,
            Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofSeconds(3), Duration.ofMillis(100),
            Duration.ofSeconds(1));

    private WireMockServer server;
    private String base;
    private TestConnectorContext ctx;
    private SentryConnector connector;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        base = "http://127.0.0.1:" + server.port();
        ctx = TestConnectorContext.create();
        server.stubFor(get(urlPathEqualTo(ORG)).willReturn(okJson(ORG_JSON)));
    }

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        server.stop();
    }

    private SentryConnector open(String url, Optional<Integer> maxResponseMegabytes, ConnectorContext context) {
        connector = SentryConnector.open(new SentryConfig(TOKEN, "acme", URI.create(url), Optional.empty(),
                Optional.empty(), maxResponseMegabytes), context, SHORT);
        return connector;
    }

    private Page<Resource> users(Optional<String> token) {
        return connector.resourceSync().orElseThrow().resources("user", Optional.empty(), token).toCompletableFuture()
                .join();
    }

    private ConnectorException usersFail() {
        CompletionException e = assertThrows(CompletionException.class, () -> users(Optional.empty()));
        return (ConnectorException) e.getCause();
    }

    private static String member(int id) {
        return "{\"id\":\"" + id + "\",\"email\":\"m" + id + "@example.com\",\"orgRole\":\"member\"}";
    }

    // ---- unbounded bodies ----

    @Test
    void aBodyOverTheLimitFailsTheCallAtOnce() {
        open(base, Optional.of(1), ctx);
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; big.length() < 2 * 1024 * 1024; i++) {
            big.append(i == 0 ? "" : ",").append(member(i));
        }
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson(big.append("]").toString())));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals("remote.too-large", ((SentryException) e).code());
        assertEquals("Sentry's answer was larger than 1 MiB (maxResponseMegabytes, counted after decompression), so the"
                + " connector stopped reading it: raise maxResponseMegabytes if the answer is legitimate, or check"
                + " baseUrl (GET " + base + MEMBERS + ").", e.getMessage());
        server.verify(1, getRequestedFor(urlPathEqualTo(MEMBERS)));
    }

    @Test
    void aGzipBombIsCountedAfterInflation() throws IOException {
        // 64 MiB of JSON whitespace, about 64 KiB compressed: well under the limit on the wire, far over it inflated
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write('[');
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                out.write(spaces);
            }
            out.write(']');
        }
        byte[] bomb = gz.toByteArray();
        AtomicInteger memberRequests = new AtomicInteger();
        HttpServer raw = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        raw.createContext("/", exchange -> {
            boolean members = exchange.getRequestURI().getPath().equals(MEMBERS);
            byte[] body = members ? bomb : ORG_JSON.getBytes(StandardCharsets.UTF_8);
            if (members) {
                memberRequests.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            } catch (IOException e) {
                // the connector hung up on the bomb: expected
            }
        });
        raw.start();
        try {
            open("http://127.0.0.1:" + raw.getAddress().getPort(), Optional.of(1), ctx);
            assertTrue(bomb.length < 1024 * 1024, "the bomb is small on the wire: " + bomb.length);
            ConnectorException e = usersFail();
            assertEquals("remote.too-large", ((SentryException) e).code(), e.getMessage());
            assertEquals(1, memberRequests.get(), "not retried");
        } finally {
            raw.stop(0);
        }
    }

    @Test
    void anErrorOnTheEventLoopEndsTheCallInsteadOfLeavingItHanging() {
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson("[" + member(1) + "]")));
        Progress failing = new Progress() {
            @Override
            public void requestCompleted(String operation) {
                if (operation.endsWith("/members/")) {
                    throw new OutOfMemoryError("simulated: Java heap space");
                }
            }
        };
        open(base, Optional.empty(), delegating(ctx, failing));
        ConnectorException e = assertTimeoutPreemptively(Duration.ofSeconds(20), this::usersFail);
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertEquals("java.lang.OutOfMemoryError in GET " + base + MEMBERS + ": the JVM ran out of memory (lower"
                + " maxConcurrency or maxResponseMegabytes, or give the JVM more heap); the call was not retried.",
                e.getMessage());
        server.verify(1, getRequestedFor(urlPathEqualTo(MEMBERS)));
    }

    // ---- servers that stall us ----

    @Test
    void aSpentWindowWithAResetAnHourAwayWaitsAtMostAWindowAndSaysSo() {
        open(base, Optional.empty(), ctx);
        String reset = Long.toString(Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
        String next = "<" + base + MEMBERS + "?cursor=100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\"";
        server.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("cursor", equalTo("100:1:0"))
                .willReturn(okJson("[" + member(2) + "]")));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).atPriority(10).willReturn(okJson("[" + member(1) + "]")
                .withHeader("Link", next).withHeader("X-Sentry-Rate-Limit-Limit", "40")
                .withHeader("X-Sentry-Rate-Limit-Remaining", "0").withHeader("X-Sentry-Rate-Limit-Reset", reset)));
        Page<Resource> first = users(Optional.empty());
        Page<Resource> second = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> users(first.nextToken()));
        assertEquals(List.of("2"), second.items().stream().map(Resource::id).toList());
        String said = "Sentry's rate-limit window for GET /organizations/{org}/members/ is spent: waiting 1 s for it"
                + " to reset";
        assertEquals(List.of("WARN " + said), ctx.logLines().stream().filter(l -> l.startsWith("WARN")).toList());
        assertEquals(List.of(said), ctx.statuses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "Infinity", "-5", "NaN", "soon", "Fri, 31 Dec 9999 23:59:59 GMT"})
    void anAbsurdRetryAfterIsABoundedWait(String retryAfter) {
        open(base, Optional.empty(), ctx);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter)
                        .withBody("\"Too many requests\"")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("[" + member(1) + "]")));
        Page<Resource> page = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> users(Optional.empty()));
        assertEquals(List.of("1"), page.items().stream().map(Resource::id).toList());
        assertEquals(List.of("429"), ctx.retries());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e308", "Infinity", "HOUR"})
    void anAbsurdOrDistantResetOnA429WaitsAtMostAWindow(String reset) {
        open(base, Optional.empty(), ctx);
        String value = reset.equals("HOUR") ? Long.toString(Instant.now().plus(Duration.ofHours(1)).getEpochSecond())
                : reset;
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("X-Sentry-Rate-Limit-Remaining", "0")
                        .withHeader("X-Sentry-Rate-Limit-Reset", value).withBody("\"Too many requests\""))
                .willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("[" + member(1) + "]")));
        Page<Resource> page = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> users(Optional.empty()));
        assertEquals(List.of("1"), page.items().stream().map(Resource::id).toList());
        assertEquals(List.of("429"), ctx.retries());
    }

    @Test
    void waitingForOneRequestStopsAtTheCallBudget() {
        open(base, Optional.empty(), ctx);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "2").withBody("\"Too many requests\"")));
        ConnectorException e = assertTimeoutPreemptively(Duration.ofSeconds(20), this::usersFail);
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals("Sentry kept rate-limiting GET " + base + MEMBERS + " (1 waits for the rate-limit window, 2 s"
                + " waited, and the connector waits at most 3 s for one request; Sentry said: Too many requests)."
                + " Try again later or lower maxConcurrency.", e.getMessage());
        server.verify(2, getRequestedFor(urlPathEqualTo(MEMBERS)));
        assertEquals(List.of("WARN Sentry rate-limited GET /organizations/{org}/members/; waiting 2 s for its"
                + " rate-limit window"), ctx.logLines().stream().filter(l -> l.startsWith("WARN")).toList());
    }

    // ---- bad answers ----

    @Test
    void aMemberWithoutAnIdIsARemoteFailureNotABug() {
        open(base, Optional.empty(), ctx);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson("[{\"email\":\"a@example.com\"}]")));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals("Sentry's answer has a member without 'id'; the connector cannot use it", e.getMessage());
    }

    // ---- cursors that never end, records returned twice ----

    @Test
    void aCursorThatLoopsStopsTheListingAndNoRecordIsReturnedTwice() {
        open(base, Optional.empty(), ctx);
        // page 1: members 1 and 2; every later cursor: member 2 and 3, then only 3 again and again
        server.stubFor(get(urlPathEqualTo(MEMBERS)).atPriority(10).willReturn(okJson("[" + member(1) + ","
                + member(2) + "]").withHeader("Link", next(1))));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("cursor", equalTo("100:1:0"))
                .willReturn(okJson("[" + member(2) + "," + member(3) + "]").withHeader("Link", next(2))));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("cursor", equalTo("100:2:0"))
                .willReturn(okJson("[" + member(3) + "]").withHeader("Link", next(3))));
        Page<Resource> first = users(Optional.empty());
        Page<Resource> second = users(first.nextToken());
        assertEquals(List.of("1", "2"), first.items().stream().map(Resource::id).toList());
        assertEquals(List.of("3"), second.items().stream().map(Resource::id).toList(), "member 2 is not repeated");
        assertEquals(List.of("WARN Sentry returned 1 record(s) of the members listing again on page 2 (such as"
                + " user:2); each is kept once"), ctx.logLines().stream().filter(l -> l.startsWith("WARN")).toList());
        CompletionException e = assertThrows(CompletionException.class, () -> users(second.nextToken()));
        ConnectorException ce = (ConnectorException) e.getCause();
        assertEquals(ErrorKind.UNAVAILABLE, ce.kind());
        assertEquals("Sentry answered page 3 of the members listing with only records it had already returned (such"
                + " as user:3): its cursor loops. Stopped; try again later.", ce.getMessage());
    }

    private String next(int page) {
        return "<" + base + MEMBERS + "?cursor=100:" + page + ":0>; rel=\"next\"; results=\"true\"; cursor=\"100:"
                + page + ":0\"";
    }

    // ---- construction ----

    @Test
    void aConnectorWhoseConstructionFailsStopsTheThreadsItStarted() {
        long before = vertxThreads();
        try (SentryConnector healthy = SentryConnector.open(new SentryConfig(TOKEN, "acme", URI.create(base),
                Optional.empty(), Optional.empty()), ctx, SHORT)) {
            assertEquals(before + 1, vertxThreads(), "the count sees a connector's Vert.x");
        }
        assertEquals(before, vertxThreads());
        ConnectorContext broken = new ConnectorContext() {
            @Override
            public ConnectorLogger logger() {
                throw new IllegalStateException("simulated: no logger");
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public Limits limits() {
                return TestConnectorContext.DEFAULT_LIMITS;
            }

            @Override
            public Progress progress() {
                return Progress.none();
            }

            @Override
            public Cancellation cancellation() {
                return Cancellation.never();
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(base, Optional.empty(),
                broken));
        assertEquals("simulated: no logger", e.getMessage());
        assertEquals(before, vertxThreads(), "no Vert.x thread left running");
    }

    private static long vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("vertx-blocked-thread-checker")).count();
    }

    private static ConnectorContext delegating(TestConnectorContext ctx, Progress progress) {
        return new ConnectorContext() {
            @Override
            public ConnectorLogger logger() {
                return ctx.logger();
            }

            @Override
            public Clock clock() {
                return ctx.clock();
            }

            @Override
            public Limits limits() {
                return ctx.limits();
            }

            @Override
            public Progress progress() {
                return progress;
            }

            @Override
            public Cancellation cancellation() {
                return ctx.cancellation();
            }
        };
    }
}
