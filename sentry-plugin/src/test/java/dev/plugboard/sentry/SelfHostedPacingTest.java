package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.conformance.TestConnectorContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Self-hosted Sentry sends no rate-limit headers: after one answer without them, an endpoint may use the whole
 * concurrency (it used to stay at one request at a time, forever).
 */
class SelfHostedPacingTest {
    private static final Pattern TEAM_MEMBERS = Pattern.compile("^/api/0/teams/[^/]+/[^/]+/members/$");
    private static final int CONCURRENCY = 4;

    /**
     * A pass-through proxy in front of the simulator that counts team-member listings in flight. Each one waits
     * (at most a few seconds) for {@link #CONCURRENCY} to be in flight together before it is forwarded, so the count
     * reaches the concurrency whenever the client allows it, however slow the machine.
     */
    private static final class CountingProxy implements AutoCloseable {
        private static final Set<String> SKIPPED = Set.of("host", "connection", "content-length", "transfer-encoding",
                "upgrade", "expect", "keep-alive");
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String target;
        private final String self;
        private int inFlight;
        private int maxInFlight;

        CountingProxy(String target) throws IOException {
            this.target = target;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            this.self = "http://127.0.0.1:" + server.getAddress().getPort();
            server.setExecutor(threads);
            server.createContext("/", this::handle);
            server.start();
        }

        String baseUrl() {
            return self;
        }

        synchronized int maxInFlight() {
            return maxInFlight;
        }

        private void handle(HttpExchange ex) throws IOException {
            boolean counted = TEAM_MEMBERS.matcher(ex.getRequestURI().getPath()).matches();
            if (counted) {
                enter();
            }
            try {
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                                ex.getRequestBody().readAllBytes()));
                ex.getRequestHeaders().forEach((name, values) -> {
                    if (!SKIPPED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                        values.forEach(v -> req.header(name, v));
                    }
                });
                HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
                for (Map.Entry<String, List<String>> h : res.headers().map().entrySet()) {
                    if (!h.getKey().startsWith(":") && !SKIPPED.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                        h.getValue().forEach(v -> ex.getResponseHeaders().add(h.getKey(), v.replace(target, self)));
                    }
                }
                byte[] body = res.body().replace(target, self).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(res.statusCode(), body.length == 0 ? -1 : body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
            } finally {
                if (counted) {
                    leave();
                }
                ex.close();
            }
        }

        private synchronized void enter() throws IOException {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            notifyAll();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            try {
                while (inFlight < CONCURRENCY && maxInFlight < CONCURRENCY && System.nanoTime() < until) {
                    wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private synchronized void leave() {
            inFlight--;
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    @Test
    void anEndpointWithoutRateLimitHeadersUsesTheWholeConcurrency() throws IOException {
        SimulatorOptions options = SimulatorOptions.builder().seed(11).members(30).teams(10).projects(2)
                .rateLimits(RateLimitPolicy.disabled()).latency(Duration.ofMillis(20)).build();
        try (SentrySimulator sim = SentrySimulator.start(options);
             CountingProxy proxy = new CountingProxy(sim.baseUrl())) {
            TestConnectorContext ctx = TestConnectorContext.builder().maxConcurrency(CONCURRENCY).build();
            SentryConfig config = new SentryConfig(sim.token(), sim.organization(), URI.create(proxy.baseUrl()),
                    Optional.empty(), Optional.empty());
            SyncWalker.Output out;
            try (SentryConnector c = SentryConnector.open(config, ctx, Tuning.defaults())) {
                out = SyncWalker.walk(c.resourceSync().orElseThrow());
            }
            SimulatorSyncTest.assertMatches(sim.org(), out);
            assertEquals(10, ctx.requests(Endpoint.TEAM_MEMBERS.operation()));
            assertEquals(CONCURRENCY, proxy.maxInFlight(), "team-member listings in flight at once");
        }
    }
}
