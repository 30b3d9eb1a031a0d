package dev.plugboard.sentry.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.Cli;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.auth.ApiToken;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.MemberStatus;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases end to end: the real plugin jar (target/sentry-plugin.jar as the plugins folder), the simulator, the
 * {@code plugboard} command line in this process on a clock the test moves, and a store of each engine.
 */
abstract class LeaseFixture {
    static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    static final String REMOVE = "DELETE /api/0/organizations/{org}/members/{member}/teams/{team}/";
    static final String ADD = "POST /api/0/organizations/{org}/members/{member}/teams/{team}/";
    static final String TEAMS = "GET /api/0/organizations/{org}/teams/";
    static final String TEAM_MEMBERS = "GET /api/0/teams/{org}/{team}/members/";
    static final String ORG = "GET /api/0/organizations/{org}/";
    static final String MEMBER = "GET /api/0/organizations/{org}/members/{member}/";

    @TempDir
    Path work;

    SentrySimulator sim;
    MovableClock clock;
    Path plugins;
    Path config;
    String store;

    /** @return a new, empty store: a file path or a PostgreSQL URL */
    abstract String newStore() throws Exception;

    @BeforeEach
    void start() throws Exception {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(40).teams(6).projects(8)
                .rateLimits(RateLimitPolicy.disabled()).build());
        clock = new MovableClock(T0);
        plugins = Path.of(System.getProperty("plugboard.plugin.jar", "target/sentry-plugin.jar")).toAbsolutePath()
                .getParent();
        config = writeConfig("sentry.json", sim.token());
        store = newStore();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    Path writeConfig(String name, String token) throws Exception {
        return Files.writeString(work.resolve(name), "{\"authToken\": \"" + token + "\", \"organization\": \""
                + sim.organization() + "\", \"baseUrl\": \"" + sim.baseUrl() + "\"}");
    }

    /** A token that reads everything and may change nothing. */
    Path readOnlyConfig() throws Exception {
        sim.addToken(ApiToken.of("sntryi_read_only_token", Set.of("org:read", "member:read", "team:read",
                "project:read")));
        return writeConfig("read-only.json", "sntryi_read_only_token");
    }

    record Run(int exitCode, String out, String err) {
    }

    /** Runs plugboard with --plugins and --store (after the command's own arguments). */
    Run plugboard(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--store", store));
        return raw(all.toArray(String[]::new));
    }

    Run raw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), clock);
        return new Run(code, out.toString(), err.toString());
    }

    Run sync() {
        Run r = plugboard("sync", "sentry", "--config", config.toString(), "--connection", "acme", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    /** @return the first active member with the plain member role in no team carrying an org role */
    Member member() {
        return sim.org().members().stream().filter(m -> m.orgRole() == OrgRole.MEMBER
                        && m.status() == MemberStatus.ACTIVE && !m.flags().idpRoleRestricted()
                        && sim.org().teams().stream().noneMatch(t -> t.orgRole().isPresent() && holds(t, m)))
                .findFirst().orElseThrow();
    }

    static boolean holds(Team t, Member m) {
        return t.members().stream().anyMatch(tm -> tm.memberId().equals(m.id()));
    }

    /** @return a team that is not IdP-provisioned, without the member, with other members */
    Team teamWithout(Member m) {
        return sim.org().teams().stream().filter(t -> !t.idpProvisioned() && !holds(t, m) && !t.members().isEmpty())
                .findFirst().orElseThrow();
    }

    /** @return a team that is not IdP-provisioned with the member */
    Team teamWith(Member m) {
        return sim.org().teams().stream().filter(t -> !t.idpProvisioned() && holds(t, m)).findFirst().orElseThrow();
    }

    boolean inTeam(String teamId, String memberId) {
        return sim.org().teams().stream().filter(t -> t.id().equals(teamId)).anyMatch(t -> t.members().stream()
                .anyMatch(tm -> tm.memberId().equals(memberId)));
    }

    /** @return the simulator's request counts per endpoint since the last call, then resets them */
    Map<String, Long> requests() {
        Map<String, Long> counts = sim.stats().perEndpoint();
        sim.resetStats();
        return counts;
    }

    /** @return whether the store's last sync of 'acme' shows the member holding the entitlement directly */
    boolean holdsInStore(String memberId, String entitlement) {
        Run access = plugboard("access", "--connection", "acme");
        assertThat(access.exitCode()).as(access.err()).isZero();
        return access.out().lines().anyMatch(l -> l.startsWith("user," + memberId + ",")
                && l.contains("," + entitlement + ",") && l.contains(",direct,"));
    }

    /** @return the store as commands name it */
    String storeName() {
        return store.startsWith("jdbc:") ? store.replace("?user=postgres", " (user postgres)")
                : java.nio.file.Path.of(store).toAbsolutePath().toString();
    }

    void later(Duration d) {
        clock.advance(d);
    }
}
