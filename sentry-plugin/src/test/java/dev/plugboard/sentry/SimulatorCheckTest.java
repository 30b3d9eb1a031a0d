package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Finding;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every check() finding, against the simulator. */
class SimulatorCheckTest {
    private static final List<String> ALL_READ = List.of("org:read", "member:read", "team:read", "project:read");

    private SentrySimulator sim;

    @BeforeEach
    void start() {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(3).members(20).teams(3).projects(4).build());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private CheckResult check(SentryConfig config) {
        TestConnectorContext ctx = TestConnectorContext.create();
        try (SentryConnector c = SentryConnector.open(config, ctx, FastTuning.tuning())) {
            CheckResult r = c.check().toCompletableFuture().join();
            for (Finding f : r.findings()) {
                assertFalse(f.message().contains(config.authToken()), "token in finding: " + f);
            }
            return r;
        }
    }

    private CheckResult check(String token) {
        return check(SimulatorFixture.config(sim, token, sim.organization()));
    }

    private static List<String> codes(CheckResult r) {
        return r.findings().stream().map(f -> f.severity() + " " + f.code()).toList();
    }

    private String addToken(String token, List<String> scopes) {
        sim.addToken(ApiToken.of(token, scopes));
        return token;
    }

    @Test
    void aGoodTokenPassesWithWhatWasConfirmed() {
        CheckResult r = check(sim.token());
        assertEquals(List.of("INFO organization.ok", "INFO scopes.ok"), codes(r));
        assertTrue(r.ok());
        assertEquals("Organization '" + sim.organization() + "' (id " + sim.org().organization().id() + ", "
                + sim.org().organization().name() + ") found; API host " + sim.baseUrl() + ".",
                r.findings().get(0).message());
        assertEquals("The token can list members (member:read), teams and projects (org:read) and team members"
                + " (team:read).", r.findings().get(1).message());
        // org detail + members + teams + projects + one team's members, each per_page=1
        assertEquals(5, sim.stats().total());
    }

    @Test
    void anUnknownTokenIsAnInvalidToken() {
        CheckResult r = check("sntryi_test_unknown_token_0000");
        assertEquals(List.of("ERROR auth.invalid-token"), codes(r));
        assertEquals("Sentry does not recognize the auth token (401 on GET " + sim.baseUrl() + "/api/0/organizations/"
                + sim.organization() + "/). Check that authToken is the whole token, that it was not revoked, and that"
                + " it was made on 127.0.0.1 (tokens of one Sentry install do not work on another).",
                r.findings().get(0).message());
    }

    @Test
    void anExpiredTokenSaysSo() {
        sim.addToken(ApiToken.of("sntryu_test_expired_0000", ALL_READ).expiringAt(Instant.EPOCH));
        CheckResult r = check("sntryu_test_expired_0000");
        assertEquals(List.of("ERROR auth.token-expired"), codes(r));
        assertEquals("The auth token has expired (401 on GET " + sim.baseUrl() + "/api/0/organizations/"
                + sim.organization() + "/). Create a new token in Sentry and set authToken to it.",
                r.findings().get(0).message());
    }

    @Test
    void aTokenOfAnotherOrganizationSaysSo() {
        sim.addToken(ApiToken.of("sntryi_test_other_org_0000", ALL_READ).limitedTo("other-org"));
        CheckResult r = check("sntryi_test_other_org_0000");
        assertEquals(List.of("ERROR auth.wrong-organization"), codes(r));
    }

    @Test
    void anUnknownOrganizationIsNotFound() {
        String token = addToken("sntryu_test_any_org_0000", ALL_READ);
        CheckResult r = check(SimulatorFixture.config(sim, token, "no-such-org"));
        assertEquals(List.of("ERROR organization.not-found"), codes(r));
        assertEquals("Sentry has no organization 'no-such-org' at " + sim.baseUrl() + ", or this token cannot see it"
                + " (404 on GET " + sim.baseUrl() + "/api/0/organizations/no-such-org/). Check the organization slug"
                + " and baseUrl (an organization lives in one region: https://us.sentry.io or https://de.sentry.io).",
                r.findings().get(0).message());
    }

    @Test
    void eachMissingScopeIsNamed() {
        CheckResult r = check(addToken("sntryi_test_org_only_0000", List.of("org:read")));
        assertEquals(List.of("ERROR scope.missing.member-read", "ERROR scope.missing.team-read",
                "INFO organization.ok"), codes(r));
        assertEquals("The auth token may not list the organization's members of organization '" + sim.organization()
                + "' (403 on GET " + sim.baseUrl() + "/api/0/organizations/" + sim.organization() + "/members/: You do"
                + " not have permission to perform this action.). It needs the scope member:read (Member: Read in the"
                + " integration's permissions).", r.findings().get(0).message());
        assertTrue(r.findings().get(1).message().contains("It needs the scope team:read (Team: Read"),
                r.findings().get(1).message());

        CheckResult noTeamRead = check(addToken("sntryi_test_no_team_0000", List.of("org:read", "member:read")));
        assertEquals(List.of("ERROR scope.missing.team-read", "INFO organization.ok"), codes(noTeamRead));

        CheckResult noOrgRead = check(addToken("sntryi_test_members_0000", List.of("member:read", "team:read")));
        assertEquals(List.of("ERROR scope.missing.org-read"), codes(noOrgRead));
    }

    @Test
    void anOrgAuthTokenIsNamedAndExplained() {
        sim.addToken(ApiToken.orgAuth("sntrys_test_org_auth_0000", sim.organization()));
        CheckResult r = check("sntrys_test_org_auth_0000");
        assertEquals(List.of("ERROR token.org-auth-token", "ERROR scope.missing.org-read"), codes(r));
        assertEquals("authToken is an organization auth token (sntrys_), which carries only org:ci and cannot read"
                + " members or teams. Use an internal integration token (sntryi_; Settings > Custom Integrations) with"
                + " Organization: Read, Member: Read and Team: Read, or a user token (sntryu_) with org:read,"
                + " member:read and team:read.", r.findings().get(0).message());
    }

    @Test
    void anOrganizationWithoutTeamsCannotVerifyTeamRead() {
        try (SentrySimulator empty = SentrySimulator.start(SimulatorOptions.builder().members(3).teams(0).projects(1)
                .build())) {
            TestConnectorContext ctx = TestConnectorContext.create();
            try (SentryConnector c = SentryConnector.open(SimulatorFixture.config(empty), ctx,
                    FastTuning.tuning())) {
                CheckResult r = c.check().toCompletableFuture().join();
                assertEquals(List.of("WARNING scope.unverified.team-read", "INFO organization.ok", "INFO scopes.ok"),
                        codes(r));
                assertEquals("The token can list members (member:read), teams and projects (org:read).",
                        r.findings().get(2).message());
                assertTrue(r.ok());
            }
        }
    }

    @Test
    void anUnreachableHostIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SentryConfig config = new SentryConfig("sntryi_test_unreachable_0000", "acme",
                URI.create("http://127.0.0.1:" + port), Optional.empty(), Optional.empty());
        CheckResult r = check(config);
        assertEquals(List.of("ERROR host.unreachable"), codes(r));
        String m = r.findings().get(0).message();
        assertTrue(m.startsWith("Cannot connect to 127.0.0.1:" + port + " ("), m);
        assertTrue(m.endsWith("): check baseUrl and that Sentry is reachable from here (GET http://127.0.0.1:" + port
                + "/api/0/organizations/acme/)."), m);
    }

    @Test
    void checkThenSyncFetchesTheOrganizationOnce() {
        TestConnectorContext ctx = TestConnectorContext.create();
        try (SentryConnector c = SentryConnector.open(SimulatorFixture.config(sim), ctx, Tuning.defaults())) {
            assertTrue(c.check().toCompletableFuture().join().ok());
            SyncWalker.walk(c.resourceSync().orElseThrow());
        }
        assertEquals(1, ctx.requests(Endpoint.ORGANIZATION.operation()));
    }
}
