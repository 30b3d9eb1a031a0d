package dev.plugboard.sentry.provisioning;

import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.sentry.SentryConnectorProvider;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.MemberStatus;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamRole;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A simulator with a connector opened on it through the public provider, plus the helpers the provisioning tests
 * share: picking members and teams, exact request counts (Sentry's side) and awaiting stages.
 */
final class Sim implements AutoCloseable {
    /** Endpoint keys as the simulator counts them. */
    static final String ORG = "GET /api/0/organizations/{org}/";
    static final String MEMBER = "GET /api/0/organizations/{org}/members/{member}/";
    static final String MEMBERS = "GET /api/0/organizations/{org}/members/";
    static final String TEAMS = "GET /api/0/organizations/{org}/teams/";
    static final String ADD = "POST /api/0/organizations/{org}/members/{member}/teams/{team}/";
    static final String ROLE = "PUT /api/0/organizations/{org}/members/{member}/teams/{team}/";
    static final String REMOVE = "DELETE /api/0/organizations/{org}/members/{member}/teams/{team}/";
    static final String PUT_MEMBER = "PUT /api/0/organizations/{org}/members/{member}/";
    static final String DELETE_MEMBER = "DELETE /api/0/organizations/{org}/members/{member}/";
    static final String INVITE = "POST /api/0/organizations/{org}/members/";
    static final String PROJECT_TEAMS = "GET /api/0/projects/{org}/{project}/teams/";
    static final String ADD_PROJECT = "POST /api/0/projects/{org}/{project}/teams/{team}/";
    static final String REMOVE_PROJECT = "DELETE /api/0/projects/{org}/{project}/teams/{team}/";

    /** A user token with every scope. */
    static final String USER_TOKEN = "sntryu_provisioning_user_token";

    final SentrySimulator sim;
    private final List<Connector> open = new ArrayList<>();

    Sim() {
        this.sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(40).teams(6).projects(8)
                .rateLimits(RateLimitPolicy.disabled()).build());
        sim.addToken(ApiToken.fullScope(USER_TOKEN));
    }

    /** @return the org slug */
    String org() {
        return sim.organization();
    }

    /** Opens a connector with the simulator's full-scope integration token, its org detail already read. */
    Connector connector() {
        return connector(sim.token());
    }

    /** Opens a connector with a token; reads the org detail once (as any first call would) and resets counts. */
    Connector connector(String token) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("authToken", token);
        values.put("organization", sim.organization());
        values.put("baseUrl", sim.baseUrl());
        String json = "{\"authToken\":\"" + token + "\",\"organization\":\"" + sim.organization()
                + "\",\"baseUrl\":\"" + sim.baseUrl() + "\"}";
        Connector c = new SentryConnectorProvider().open(new ConnectorConfig(json, values),
                TestConnectorContext.builder().maxConcurrency(4).build());
        open.add(c);
        await(c.resourceSync().orElseThrow().resources("role", Optional.empty(), Optional.empty()));
        sim.resetStats();
        return c;
    }

    /** Adds a token with exactly these scopes and opens a connector with it. */
    Provisioning withScopes(String token, String... scopes) {
        sim.addToken(ApiToken.of(token, Set.of(scopes)));
        return connector(token).provisioning().orElseThrow();
    }

    /** @return the first active, unrestricted member with this org role in no team */
    Member member(OrgRole role) {
        // not in a team that carries an org role: their effective org role is their own
        return sim.org().members().stream().filter(m -> m.orgRole() == role && m.status() == MemberStatus.ACTIVE
                        && !m.flags().idpRoleRestricted() && sim.org().teams().stream().noneMatch(t ->
                        t.orgRole().isPresent() && t.members().stream().anyMatch(tm -> tm.memberId().equals(m.id()))))
                .findFirst().orElseThrow(() -> new AssertionError("the generated org has no active " + role));
    }

    /** @return a team that is not IdP-provisioned and does not hold the member */
    Team teamWithout(Member m) {
        return sim.org().teams().stream().filter(t -> !t.idpProvisioned() && role(t.id(), m.id()).isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no team without member " + m.id()));
    }

    /** @return the IdP-provisioned team */
    Team idpTeam() {
        return sim.org().teams().stream().filter(Team::idpProvisioned).findFirst()
                .orElseThrow(() -> new AssertionError("the generated org has no IdP-provisioned team"));
    }

    /**
     * @return the member's effective role on the team now, if a member: the higher of the stored role and the
     *         minimum of their effective org role (their own, or one a team of theirs carries)
     */
    Optional<TeamRole> role(String teamId, String memberId) {
        var org = sim.org();
        var member = org.member(memberId);
        if (member.isEmpty()) {
            return Optional.empty();
        }
        dev.plugboard.simulator.model.OrgRole effective = member.get().orgRole();
        for (Team t : org.teams()) {
            if (t.orgRole().isPresent() && t.members().stream().anyMatch(tm -> tm.memberId().equals(memberId))) {
                effective = effective.max(t.orgRole().get());
            }
        }
        dev.plugboard.simulator.model.OrgRole role = effective;
        return org.teams().stream().filter(t -> t.id().equals(teamId)).flatMap(t -> t.members().stream())
                .filter(tm -> tm.memberId().equals(memberId)).map(tm -> tm.effectiveRole(role)).findFirst();
    }

    /** @return the simulator's per-endpoint counts since the last reset, then resets them */
    Map<String, Long> requests() {
        Map<String, Long> counts = sim.stats().perEndpoint();
        sim.resetStats();
        return counts;
    }

    /** @return {@code METHOD /api/0/organizations/{org}/rest} */
    String org(String method, String rest) {
        return method + " /api/0/organizations/" + org() + rest;
    }

    static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** @return the failure of a stage, which must be a ConnectorException */
    static ConnectorException failure(CompletionStage<ProvisioningResult> stage) {
        CompletionException e = assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join());
        if (e.getCause() instanceof ConnectorException ce) {
            return ce;
        }
        throw new AssertionError("not a ConnectorException", e.getCause());
    }

    static void assertResult(ProvisioningResult.Outcome outcome, String message, List<String> requests,
                             ProvisioningResult actual) {
        assertEquals(outcome, actual.outcome(), actual.message());
        assertEquals(message, actual.message());
        assertEquals(requests, actual.requests());
    }

    @Override
    public void close() {
        open.forEach(Connector::close);
        sim.close();
    }
}
