package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.RetryPolicy;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.faults.FaultRule;
import dev.plugboard.simulator.model.OrgSnapshot;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults end in a complete, correct output or a clear error; never in a silent partial output. */
class SimulatorFaultTest {
    private static final String MEMBERS = "/api/0/organizations/[^/]+/members/$";
    private static final String TEAMS = "/api/0/organizations/[^/]+/teams/$";
    private static final String PROJECTS = "/api/0/organizations/[^/]+/projects/$";
    private static final String TEAM_MEMBERS = "/api/0/teams/[^/]+/[^/]+/members/$";

    private SentrySimulator sim;
    private OrgSnapshot org;
    private TestConnectorContext ctx;

    @BeforeEach
    void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(230).teams(6).projects(40).build());
        org = sim.org();
        ctx = TestConnectorContext.create();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private SyncWalker.Output sync(Tuning tuning) {
        try (SentryConnector c = SentryConnector.open(SimulatorFixture.config(sim), ctx, tuning)) {
            return SyncWalker.walk(c.resourceSync().orElseThrow());
        }
    }

    private ConnectorException failedSync(Tuning tuning) {
        CompletionException e = assertThrows(CompletionException.class, () -> sync(tuning));
        assertTrue(e.getCause() instanceof ConnectorException, String.valueOf(e.getCause()));
        ConnectorException ce = (ConnectorException) e.getCause();
        assertFalse(ce.getMessage().contains(sim.token()), "no token in: " + ce.getMessage());
        return ce;
    }

    @Test
    void transientFaultsAreRetriedIntoTheCompleteOutput() {
        sim.faults()
                .add(FaultRule.rateLimitBurst(MEMBERS, 2))
                .add(FaultRule.serverError(TEAMS, 503).times(2))
                .add(FaultRule.connectionReset(TEAM_MEMBERS).times(2))
                .add(FaultRule.malformedJson(PROJECTS).times(1))
                .add(FaultRule.truncatedBody(TEAM_MEMBERS).times(1))
                .add(FaultRule.malformedChunk(MEMBERS).times(1))
                .add(FaultRule.emptyResponse(PROJECTS).times(1));
        SyncWalker.Output out = sync(FastTuning.tuning());
        SimulatorSyncTest.assertMatches(org, out);
        long faults = 2 + 2 + 2 + 1 + 1 + 1 + 1;
        assertEquals(SimulatorFixture.minimumRequests(org) + faults, sim.stats().total());
        assertEquals(SimulatorFixture.minimumRequests(org) + faults, ctx.totalRequests());
        assertEquals(faults, ctx.retries().size(), ctx.retries().toString());
        assertEquals(2, ctx.retries().stream().filter("429"::equals).count());
        assertEquals(2, ctx.retries().stream().filter("HTTP 503"::equals).count());
        assertEquals(2, ctx.retries().stream().filter("malformed JSON"::equals).count());
    }

    @Test
    void aPersistentServerErrorFailsTheSyncSayingWhatWasTried() {
        sim.faults().add(FaultRule.serverError(TEAMS, 500));
        ConnectorException e = failedSync(FastTuning.tuning());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals("remote.unavailable", ((SentryException) e).code());
        String msg = e.getMessage();
        assertTrue(msg.startsWith("Sentry answered 500, errorId "), msg);
        assertTrue(msg.endsWith(" to GET " + sim.baseUrl() + "/api/0/organizations/" + sim.organization()
                + "/teams/; gave up after 4 attempts (HTTP 500, HTTP 500, HTTP 500, HTTP 500), the most the connector"
                + " makes for one request. Sentry may be down or overloaded: try again later."), msg);
    }

    @Test
    void persistentMalformedJsonFailsTheSyncClearly() {
        sim.faults().add(FaultRule.malformedJson(PROJECTS));
        ConnectorException e = failedSync(FastTuning.tuning());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals("remote.malformed-response", ((SentryException) e).code());
        assertTrue(e.getMessage().startsWith("Sentry answered 200 with a body that is not valid JSON ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("/projects/; gave up after 4 attempts (malformed JSON, malformed JSON,"
                + " malformed JSON, malformed JSON), the most the connector makes for one request. Sentry may be down"
                + " or overloaded: try again later."),
                e.getMessage());
    }

    @Test
    void persistentConnectionResetsFailTheSyncClearly() {
        sim.faults().add(FaultRule.connectionReset(TEAM_MEMBERS));
        ConnectorException e = failedSync(FastTuning.tuning());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("/members/; gave up after 4 attempts ("), e.getMessage());
    }

    @Test
    void endlessRateLimitingFailsAsRateLimitedWithARetryTime() {
        sim.faults().add(FaultRule.rateLimitBurst(MEMBERS, 1000));
        Tuning twoWaits = new Tuning(new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5)), 2,
                Duration.ofSeconds(5), Duration.ofMillis(20));
        ConnectorException e = failedSync(twoWaits);
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertTrue(e.retryAfter().isPresent());
        assertEquals("Sentry kept rate-limiting GET " + sim.baseUrl() + "/api/0/organizations/" + sim.organization()
                + "/members/ (2 waits for the rate-limit window; Sentry said: You are attempting to use this endpoint"
                + " too frequently. Limit is 40 requests in 1 seconds). Try again later or lower maxConcurrency.",
                e.getMessage());
        assertEquals(List.of("429", "429"), ctx.retries());
    }
}
