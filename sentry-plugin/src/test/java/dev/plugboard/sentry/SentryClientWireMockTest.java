package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.conformance.TestConnectorContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP layer against hand-written answers, for what the simulator does not say. */
class SentryClientWireMockTest {
    private static final String TOKEN = "sntryi_test_wiremock_0123456789";
    private static final String ORG = "/api/0/organizations/acme/";
    private static final String MEMBERS = "/api/0/organizations/acme/members/";

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
        connector = SentryConnector.open(new SentryConfig(TOKEN, "acme", URI.create(base), Optional.empty(),
                Optional.empty()), ctx, FastTuning.tuning());
    }

    @AfterEach
    void stop() {
        connector.close();
        server.stop();
    }

    private void org(String regionUrl) {
        server.stubFor(get(urlPathEqualTo(ORG)).willReturn(okJson("{\"id\":\"7\",\"slug\":\"acme\",\"name\":\"Acme\","
                + "\"links\":{\"regionUrl\":\"" + regionUrl + "\"},\"orgRoleList\":[{\"id\":\"member\",\"name\":\"Member\"}]}")));
    }

    private static String member(int id) {
        return "{\"id\":\"" + id + "\",\"email\":\"m" + id + "@example.com\",\"name\":\"M " + id + "\",\"orgRole\":\"member\","
                + "\"pending\":false,\"expired\":false,\"user\":{\"id\":\"9" + id + "\",\"has2fa\":true},\"flags\":{}}";
    }

    private Page<Resource> users(Optional<String> token) {
        return connector.resourceSync().orElseThrow().resources("user", Optional.empty(), token).toCompletableFuture()
                .join();
    }

    private ConnectorException usersFail() {
        CompletionException e = assertThrows(CompletionException.class, () -> users(Optional.empty()));
        ConnectorException ce = (ConnectorException) e.getCause();
        assertFalse(ce.getMessage().contains(TOKEN), ce.getMessage());
        return ce;
    }

    @Test
    void pagesByTheNextLinkOnlyAndHandsOutTheCursor() {
        org(base);
        String link = "<" + base + MEMBERS + "?per_page=100&cursor=100:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"100:0:1\", "
                + "<" + base + MEMBERS + "?per_page=100&cursor=100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\"";
        String last = "<" + base + MEMBERS + "?per_page=100&cursor=100:0:1>; rel=\"previous\"; results=\"true\"; cursor=\"100:0:1\", "
                + "<" + base + MEMBERS + "?per_page=100&cursor=100:2:0>; rel=\"next\"; results=\"false\"; cursor=\"100:2:0\"";
        server.stubFor(get(urlPathEqualTo(MEMBERS)).withQueryParam("cursor", equalTo("100:1:0"))
                .willReturn(okJson("[" + member(2) + "]").withHeader("Link", last)));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).atPriority(10)
                .willReturn(okJson("[" + member(1) + "]").withHeader("Link", link)));
        Page<Resource> first = users(Optional.empty());
        assertEquals(List.of("1"), first.items().stream().map(Resource::id).toList());
        assertEquals(Optional.of("100:1:0"), first.nextToken());
        Page<Resource> second = users(first.nextToken());
        assertEquals(List.of("2"), second.items().stream().map(Resource::id).toList());
        assertEquals(Optional.empty(), second.nextToken(), "previous results=\"true\" is ignored");
        server.verify(1, getRequestedFor(urlPathEqualTo(ORG)).withQueryParam("detailed", equalTo("0"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        server.verify(2, getRequestedFor(urlPathEqualTo(MEMBERS)).withQueryParam("per_page", equalTo("100")));
        assertEquals(3, ctx.totalRequests());
    }

    @Test
    void honoursRetryAfterOn429() {
        org(base);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("\"Too many requests\"")).willSetStateTo("ok"));
        server.stubFor(get(urlPathEqualTo(MEMBERS)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("[" + member(1) + "]")));
        assertEquals(1, users(Optional.empty()).items().size());
        assertEquals(List.of("429"), ctx.retries());
        assertEquals(2, ctx.requests(Endpoint.MEMBERS.operation()));
    }

    @Test
    void mapsA400ToInvalidRequestWithSentrysDetail() {
        org(base);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(400)
                .withBody("{\"per_page\":[\"Ensure this value is less than or equal to 100.\"]}")));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("Sentry refused GET " + base + MEMBERS + " as invalid (400): per_page: Ensure this value is less"
                + " than or equal to 100.", e.getMessage());
    }

    @Test
    void a403NamesTheScopeAndA401WithoutCredentialsSaysSo() {
        org(base);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(403)
                .withBody("{\"detail\":\"You do not have permission to perform this action.\"}")));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals("The auth token may not list the organization's members of organization 'acme' (403 on GET "
                + base + MEMBERS + ": You do not have permission to perform this action.). It needs the scope"
                + " member:read (Member: Read in the integration's permissions).", e.getMessage());

        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Authentication credentials were not provided.\"}")));
        e = usersFail();
        assertEquals(ErrorKind.AUTHENTICATION, e.kind());
        assertEquals("auth.missing", ((SentryException) e).code());
    }

    @Test
    void aRedirectIsNotFollowedWithTheToken() {
        server.stubFor(get(urlPathEqualTo(ORG)).willReturn(aResponse().withStatus(301)
                .withHeader("Location", "https://sentry.example.com/api/0/organizations/acme/")));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.CONFIG, e.kind());
        // issue 14: a failure of the organization detail says so, whatever listing needed it
        assertEquals("reading the organization detail (once, before anything else) failed: Sentry answered GET "
                + base + ORG + " with a redirect (301 to"
                + " https://sentry.example.com/api/0/organizations/acme/); the connector does not follow redirects"
                + " with the token: set baseUrl to the final API host.", e.getMessage());
    }

    @Test
    void anErrorBodyEchoingTheTokenIsRedacted() {
        org(base);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"bad token " + TOKEN + "\"}")));
        ConnectorException e = usersFail();
        assertEquals("Sentry rejected the auth token (401 on GET " + base + MEMBERS + "): bad token ****",
                e.getMessage());
    }

    @Test
    void aForeignRegionUrlIsIgnoredAndTheTokenStaysHome() {
        org("https://evil.example.net");
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(okJson("[" + member(1) + "]")));
        assertEquals(1, users(Optional.empty()).items().size());
        assertEquals(List.of("WARN ignoring the organization's regionUrl 'https://evil.example.net': it is not an https"
                + " host in the domain of baseUrl " + base + ", so the token is not sent there; set baseUrl to the"
                + " region host yourself if it is right"), ctx.logLines().stream().filter(l -> l.startsWith("WARN")).toList());
    }

    @Test
    void aBadPageTokenIsRefusedWithoutARequest() {
        CompletionException e = assertThrows(CompletionException.class,
                () -> users(Optional.of("not a cursor!")));
        assertEquals(ErrorKind.INVALID_REQUEST, ((ConnectorException) e.getCause()).kind());
        assertEquals(0, ctx.totalRequests());
    }

    @Test
    void a429WhoseResetHasPassedWaitsABackoffInsteadOfRetryingAtOnce() {
        // Our clock is ahead of Sentry's: the window it names ended "in 2001", yet it still answers 429.
        org(base);
        server.stubFor(get(urlPathEqualTo(MEMBERS)).willReturn(aResponse().withStatus(429)
                .withHeader("X-Sentry-Rate-Limit-Limit", "40").withHeader("X-Sentry-Rate-Limit-Remaining", "0")
                .withHeader("X-Sentry-Rate-Limit-Reset", "1000000000")
                .withBody("{\"detail\":\"You are attempting to use this endpoint too frequently.\"}")));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertTrue(e.retryAfter().orElseThrow().toMillis() > 0, "a backoff, not 'now': " + e.retryAfter());
        List<String> waits = ctx.logLines().stream().filter(l -> l.contains("rate-limited")).toList();
        assertEquals(5, waits.size(), waits.toString());
        assertTrue(waits.stream().noneMatch(l -> l.endsWith("waiting 0 ms")), waits.toString());
    }

    @Test
    void a200ThatIsNotJsonFailsAtOnceNamingTheUrlAndTheContentType() {
        server.stubFor(get(urlPathEqualTo(ORG)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><body>Sign in with your company account</body></html>")));
        ConnectorException e = usersFail();
        assertEquals(ErrorKind.CONFIG, e.kind());
        assertEquals("reading the organization detail (once, before anything else) failed: " + base + ORG
                + " answered 200 with text/html, not JSON: check baseUrl (it should be the Sentry URL,"
                + " e.g. https://sentry.io)", e.getMessage());
        assertEquals(1, ctx.totalRequests(), "not retried");
        assertEquals(List.of(), ctx.retries());
    }

    // ---- provisioning's writes share the client's attempt and SentryErrors ----

    private static final String ADD = "/api/0/organizations/acme/members/12/teams/5/";

    private ConnectorException addFails() {
        CompletionException e = assertThrows(CompletionException.class, () -> connector.provisioning().orElseThrow()
                .grant(new GrantRequest("team:5:member", new ResourceRef("user", "12"), false)).toCompletableFuture()
                .join());
        ConnectorException ce = (ConnectorException) e.getCause();
        assertFalse(ce.getMessage().contains(TOKEN), ce.getMessage());
        return ce;
    }

    @Test
    void aRedirectToAWriteNamesWhereItPointed() {
        org(base);
        server.stubFor(post(urlPathEqualTo(ADD)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://sentry.example.com" + ADD)));
        ConnectorException e = addFails();
        assertEquals(ErrorKind.CONFIG, e.kind());
        assertEquals("Sentry answered POST " + base + ADD + " with a redirect (302 to https://sentry.example.com"
                + ADD + "); the connector does not follow redirects with the token: set baseUrl to the final API"
                + " host.", e.getMessage());
        server.verify(1, postRequestedFor(urlPathEqualTo(ADD)));
    }

    @Test
    void aRejectedTokenOnAWriteSaysWhy() {
        org(base);
        server.stubFor(post(urlPathEqualTo(ADD)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Token expired\"}")));
        ConnectorException e = addFails();
        assertEquals(ErrorKind.AUTHENTICATION, e.kind());
        assertEquals("The auth token has expired (401 on POST /api/0/organizations/acme/members/12/teams/5/). Create"
                + " a new token in Sentry and set authToken to it.", e.getMessage());

        server.stubFor(post(urlPathEqualTo(ADD)).willReturn(aResponse().withStatus(401)
                .withBody("{\"detail\":\"Unauthorized organization access.\"}")));
        assertTrue(addFails().getMessage().startsWith("The auth token belongs to another organization than 'acme'"));
    }

    @Test
    void aRefusedWriteEchoingTheTokenIsRedacted() {
        org(base);
        server.stubFor(post(urlPathEqualTo(ADD)).willReturn(aResponse().withStatus(400)
                .withBody("{\"detail\":\"bad request from " + TOKEN + "\"}")));
        ConnectorException e = addFails();
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("Sentry refused to add members to teams (400 on POST /api/0/organizations/acme/members/12/teams/5/:"
                + " bad request from ****).", e.getMessage());
    }
}
