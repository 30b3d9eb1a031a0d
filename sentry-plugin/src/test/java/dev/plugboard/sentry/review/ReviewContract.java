package dev.plugboard.sentry.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.plugboard.host.cli.Cli;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.MemberStatus;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.ratelimit.RateLimitPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard review} end to end against the Sentry simulator, through the built Sentry plugin jar and the
 * CLI in-process, on a store the subclass gives (SQLite or PostgreSQL). The scenario: member M, in no team, is added
 * to teams A and B, and both teams are given project P, so M reaches P on two paths.
 */
abstract class ReviewContract {
    static final String DELETE_MEMBER_TEAM = "DELETE /api/0/organizations/{org}/members/{member}/teams/{team}/";
    static final String GET_MEMBER = "GET /api/0/organizations/{org}/members/{member}/";
    static final String GET_TEAMS = "GET /api/0/organizations/{org}/teams/";
    static final String GET_ORG = "GET /api/0/organizations/{org}/";

    @TempDir
    Path work;

    SentrySimulator sim;
    String store;
    Path config;
    Member m;
    Team a;
    Team b;
    Project p;

    /** @return a new, empty store for one test: a path or a JDBC URL */
    abstract String newStore() throws Exception;

    record Run(int exit, String out, String err) {
    }

    Run plugboard(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", pluginsFolder().toString()));
        all.addAll(Arrays.asList(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    Run ok(String... args) {
        Run r = plugboard(args);
        assertEquals(0, r.exit(), () -> String.join(" ", args) + "\n" + r.out() + r.err());
        return r;
    }

    static Path pluginsFolder() {
        return Path.of(System.getProperty("plugboard.plugin.jar", "target/sentry-plugin.jar")).toAbsolutePath()
                .getParent();
    }

    @BeforeEach
    void startSimulator() throws Exception {
        sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(40).teams(6).projects(8)
                .rateLimits(RateLimitPolicy.disabled()).build());
        store = newStore();
        config = work.resolve("sentry.yaml");
        Files.writeString(config, "authToken: " + sim.token() + "\norganization: " + sim.organization() + "\nbaseUrl: "
                + sim.baseUrl() + "\n");
        var org = sim.org();
        m = org.members().stream().filter(x -> x.orgRole() == OrgRole.MEMBER && x.status() == MemberStatus.ACTIVE
                && !x.flags().idpRoleRestricted() && org.teams().stream().noneMatch(t -> t.orgRole().isPresent()
                && in(t, x.id()))).findFirst().orElseThrow(() -> new AssertionError("no active member"));
        List<Team> open = org.teams().stream().filter(t -> !t.idpProvisioned() && t.orgRole().isEmpty()
                && !in(t, m.id())).toList();
        // a before b in text order, as paths are listed
        a = open.get(0).id().compareTo(open.get(1).id()) < 0 ? open.get(0) : open.get(1);
        b = a == open.get(0) ? open.get(1) : open.get(0);
        p = org.projects().stream().filter(x -> org.teams().stream().noneMatch(t -> x.teamIds().contains(t.id())
                && (in(t, m.id()) || t == a || t == b))).findFirst().orElseThrow();
        ok("grant", "sentry", "--config", config.toString(), "--entitlement", "team:" + a.id() + ":member",
                "--principal", "user:" + m.id());
        ok("grant", "sentry", "--config", config.toString(), "--entitlement", "team:" + b.id() + ":member",
                "--principal", "user:" + m.id());
        ok("grant", "sentry", "--config", config.toString(), "--entitlement", "project:" + p.id() + ":access",
                "--principal", "team:" + a.id());
        ok("grant", "sentry", "--config", config.toString(), "--entitlement", "project:" + p.id() + ":access",
                "--principal", "team:" + b.id());
        sync();
    }

    @AfterEach
    void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    void sync() {
        ok("sync", "sentry", "--config", config.toString(), "--store", store, "--connection", "acme", "--quiet");
    }

    /** Starts a campaign of M's access and returns the CSV's file. */
    Path startCampaign(String file) {
        Path csv = work.resolve(file);
        Run r = ok("review", "start", "--store", store, "--connection", "acme", "--filter", "principal=user:" + m.id(),
                "--by", "auditor", "--out", csv.toString());
        assertTrue(r.err().startsWith("started review campaign "), r.err());
        return csv;
    }

    void decide(Path csv, String entitlement, String decision, String remove) {
        ok("review", "decide", csv.toString(), "--principal", "user:" + m.id(), "--entitlement", entitlement,
                "--decision", decision, "--reviewer", "alice", "--comment", "=cmd|' /C calc'!A0", "--remove", remove);
    }

    Run apply(Path csv, String... more) {
        List<String> args = new ArrayList<>(List.of("review", "apply", "sentry", "--config", config.toString(),
                "--store", store, "--by", "bob"));
        args.addAll(Arrays.asList(more));
        args.add(csv.toString());
        sim.resetStats();
        return plugboard(args.toArray(String[]::new));
    }

    static List<List<String>> csv(String text) throws Exception {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(text)) {
            while (it.hasNextValue()) {
                rows.add(Arrays.asList(it.nextValue()));
            }
        }
        return rows;
    }

    /** @return the row number (the header is 1) of M's row for an entitlement in a campaign CSV */
    static int rowOf(List<List<String>> rows, String entitlement) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).get(4).equals(entitlement)) {
                return i + 1;
            }
        }
        throw new AssertionError("no row for " + entitlement);
    }

    String member(Team t) {
        return "team:" + t.id() + ":member";
    }

    String access() {
        return "project:" + p.id() + ":access";
    }

    static boolean in(Team t, String memberId) {
        return t.members().stream().anyMatch(tm -> tm.memberId().equals(memberId));
    }

    /** @return M's projects through team t alone, and t's membership: what removing M from t takes away */
    List<String> takenAwayByLeaving(Team t, Team other) {
        Set<String> out = new TreeSet<>();
        out.add("user:" + m.id() + " " + member(t));
        List<String> others = sim.org().teams().stream().filter(x -> !x.id().equals(t.id()) && !x.id().equals(other.id())
                && in(x, m.id())).map(Team::id).toList();
        for (Project x : sim.org().projects()) {
            if (x.teamIds().contains(t.id()) && !x.teamIds().contains(other.id())
                    && x.teamIds().stream().noneMatch(others::contains)) {
                out.add("user:" + m.id() + " project:" + x.id() + ":access");
            }
        }
        out.remove("user:" + m.id() + " " + access());
        return new ArrayList<>(out);
    }

    Map<String, Long> requests() {
        return new TreeMap<>(sim.stats().perEndpoint());
    }

    @Test
    void aTwoPathAccessListsBothPathsAndItsRevokeCutsBoth() throws Exception {
        Path csv = startCampaign("review.csv");
        List<List<String>> rows = csv(Files.readString(csv));
        assertEquals(List.of("campaign", "principalType", "principalId", "principalName", "entitlementId",
                "entitlementResourceType", "entitlementResourceId", "entitlementResourceName", "entitlementSlug",
                "paths", "grantIds", "principalLastLogin", "principalLastActive", "decision", "reviewer", "comment",
                "remove"), rows.get(0));
        int row = rowOf(rows, access());
        List<String> two = rows.get(row - 1);
        assertEquals(List.of("1", "user", m.id(), m.name(), access(), "project", p.id(), p.name(), "access",
                member(a) + " -> " + access() + "; " + member(b) + " -> " + access(),
                access() + ":team:" + a.id() + "; " + access() + ":team:" + b.id()), two.subList(0, 11));
        assertEquals(List.of("", "", "", ""), two.subList(13, 17));

        // the default (the member's own grant on each path) takes away more than decided: refused, choices named
        decide(csv, access(), "revoke", "");
        Run refused = apply(csv, "--dry-run");
        assertEquals(3, refused.exit(), refused.err());
        List<String> wider = new ArrayList<>(new TreeSet<>(concat(takenAwayByLeaving(a, b), takenAwayByLeaving(b, a))));
        assertTrue(refused.err().startsWith("plugboard: " + csv + ": 1 row refused, nothing was sent (run 1 of campaign"
                + " 1 records it):\n  row " + row + ": revoking " + member(a) + ":user:" + m.id() + " " + member(b)
                + ":user:" + m.id() + " also takes away " + String.join(", ", wider.subList(0, Math.min(8,
                wider.size())))), refused.err());
        assertTrue(refused.err().contains("not decided revoke; to accept, write own in remove; or write grant to revoke "
                + access() + ":team:" + a.id() + " " + access() + ":team:" + b.id() + " instead"), refused.err());
        assertEquals(Map.of(), requests(), "a refused file sends nothing");

        // own: both memberships, named with what else each takes away; a dry run reads and changes nothing
        decide(csv, access(), "revoke", "own");
        Run dry = apply(csv, "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        List<String> lines = dry.out().lines().toList();
        assertTrue(lines.get(0).matches("campaign 1 of connection 'acme', checked against sync 1 \\(.*\\): 1 decision"
                + " \\(1 revoke, 0 keep\\), 2 revokes to send \\(dry run\\)"), lines.get(0));
        assertEquals(List.of("revoke " + member(a) + " from user:" + m.id() + " (row " + row + ")",
                "  also takes away: " + String.join(", ", takenAwayByLeaving(a, b)),
                "revoke " + member(b) + " from user:" + m.id() + " (row " + row + ")",
                "  also takes away: " + String.join(", ", takenAwayByLeaving(b, a))), lines.subList(1, 5));
        assertEquals("dry run: would remove member " + m.id() + " (" + m.email() + ") from team '" + a.slug() + "'"
                + " (team:" + a.id() + ") (checked with 2 reads, nothing changed)", lines.get(5));
        assertEquals(Map.of(GET_ORG, 1L, GET_MEMBER, 2L, GET_TEAMS, 2L), requests(), "reads only: no DELETE");
        assertTrue(sim.org().teams().stream().filter(t -> t.id().equals(a.id())).findFirst().orElseThrow().members()
                .stream().anyMatch(tm -> tm.memberId().equals(m.id())), "still in team A");
    }

    static List<String> concat(List<String> x, List<String> y) {
        List<String> all = new ArrayList<>(x);
        all.addAll(y);
        return all;
    }

    @Test
    void yesRevokesTheNextSyncShowsTheAccessGoneAndTheReportHasTheEvidence() throws Exception {
        Path csv = startCampaign("review.csv");
        int row = rowOf(csv(Files.readString(csv)), access());
        decide(csv, access(), "revoke", "grant");
        Run done = apply(csv, "--yes");
        assertEquals(0, done.exit(), done.out() + done.err());
        assertEquals(Map.of(GET_ORG, 1L, "GET /api/0/projects/{org}/{project}/teams/", 2L,
                "DELETE /api/0/projects/{org}/{project}/teams/{team}/", 2L), requests());
        sync();
        Run access = ok("access", "--store", store, "--connection", "acme");
        assertTrue(access.out().lines().noneMatch(l -> l.startsWith("user," + m.id() + ",") && l.contains(access())),
                access.out());
        assertTrue(access.out().lines().anyMatch(l -> l.startsWith("user," + m.id() + ",") && l.contains(member(a))),
                "the memberships stay: only the teams' access to the project went");
        Run report = ok("review", "report", "1", "--store", store);
        String normalized = report.out().replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z", "T");
        List<List<String>> rows = csv(normalized);
        assertEquals(3, rows.size(), normalized);
        String org = sim.organization();
        assertEquals(List.of("1", "acme", "1", "1", "T", "bob", "false", "1", "applied", Integer.toString(row),
                "user:" + m.id(), access(), "revoke", "alice", "'=cmd|' /C calc'!A0", "grant", "accepted", "1",
                access(), "team:" + a.id()), rows.get(1).subList(0, 20));
        Set<String> alsoA = new TreeSet<>();
        alsoA.add("team:" + a.id() + " " + access());
        // every member of A loses P but M (whose row it serves) and those who reach P through another team
        List<Team> others = sim.org().teams().stream().filter(t -> t.id().equals(b.id())
                || p.teamIds().contains(t.id())).toList();
        a.members().stream().map(tm -> tm.memberId()).filter(id -> !id.equals(m.id())
                && others.stream().noneMatch(t -> in(t, id)))
                .forEach(id -> alsoA.add("user:" + id + " " + access()));
        assertEquals(String.join("; ", alsoA), rows.get(1).get(20));
        assertEquals(List.of("done", "took team '" + a.slug() + "' (team:" + a.id() + ")'s access to project " + p.id(),
                "GET /api/0/projects/" + org + "/" + p.id() + "/teams/; DELETE /api/0/projects/" + org + "/"
                + p.id() + "/teams/" + a.id() + "/", "T"), rows.get(1).subList(21, 25));
        assertEquals(List.of("campaign", "connection", "campaignSync", "run", "runStartedAt", "runBy", "dryRun",
                "runSync", "runStatus", "fileRow", "principal", "entitlementId", "decision", "reviewer", "comment",
                "remove", "verdict", "action", "revokeEntitlement", "revokePrincipal", "alsoRemoves", "outcome",
                "message", "requests", "actionFinishedAt"), rows.get(0));
        // the second revoke serves the same decision: the same decision cells, then its own action
        assertEquals(rows.get(1).subList(0, 17), rows.get(2).subList(0, 17));
        Set<String> alsoB = new TreeSet<>();
        alsoB.add("team:" + b.id() + " " + access());
        // removing only B's access: members of A (the other path, still there when the plan was made) keep P
        List<Team> notB = sim.org().teams().stream().filter(t -> p.teamIds().contains(t.id())).toList();
        b.members().stream().map(tm -> tm.memberId()).filter(id -> !id.equals(m.id())
                && notB.stream().noneMatch(t -> in(t, id)) && !in(a, id))
                .forEach(id -> alsoB.add("user:" + id + " " + access()));
        assertEquals(List.of("2", access(), "team:" + b.id(), String.join("; ", alsoB), "done", "took team '"
                + b.slug() + "' (team:" + b.id() + ")'s access to project " + p.id(), "GET /api/0/projects/" + org
                + "/" + p.id() + "/teams/; DELETE /api/0/projects/" + org + "/" + p.id() + "/teams/" + b.id() + "/",
                "T"), rows.get(2).subList(17, 25));
    }

    @Test
    void aStaleDecisionIsRefusedWithItsRowNumber() throws Exception {
        Path csv = startCampaign("review.csv");
        int row = rowOf(csv(Files.readString(csv)), access());
        ok("revoke", "sentry", "--config", config.toString(), "--entitlement", access(), "--principal", "team:" + b.id());
        sync();
        decide(csv, access(), "revoke", "own");
        Run stale = apply(csv, "--dry-run");
        assertEquals(3, stale.exit(), stale.err());
        assertEquals("plugboard: " + csv + ": 1 row refused, nothing was sent (run 1 of campaign 1 records it):\n"
                + "  row " + row + ": stale: the access changed since the campaign started: sync 2 lists it through "
                + member(a) + " -> " + access() + ", the campaign through " + member(a) + " -> " + access() + "; "
                + member(b) + " -> " + access() + "; start a new campaign to review it\n", stale.err());
        assertEquals(Map.of(), requests());
    }

    @Test
    void unknownDuplicatedAndConflictingRowsAreRefusedWithTheirRowNumbers() throws Exception {
        Path csv = startCampaign("review.csv");
        List<List<String>> rows = csv(Files.readString(csv));
        int projectRow = rowOf(rows, access());
        int teamRow = rowOf(rows, member(a));
        decide(csv, access(), "revoke", "own");
        decide(csv, member(a), "keep", "");
        String text = Files.readString(csv);
        String[] lines = text.split("\r\n");
        String decided = lines[projectRow - 1];
        String kept = lines[teamRow - 1];
        String appended = decided + "\r\n" + decided.replace(",revoke,", ",keep,").replace(",own", ",") + "\r\n"
                + decided.replace("user," + m.id() + ",", "user,999999,") + "\r\n"
                + decided.replaceFirst("^1,", "7,") + "\r\n";
        Files.writeString(csv, text + appended, StandardCharsets.UTF_8);
        int n = lines.length;
        Run refused = apply(csv, "--dry-run", "1");
        assertEquals(3, refused.exit(), refused.err());
        assertEquals("plugboard: " + csv + ": 5 rows refused, nothing was sent (run 1 of campaign 1 records it):\n"
                + "  row " + projectRow + ": revoking " + member(a) + ":user:" + m.id() + " " + member(b) + ":user:"
                + m.id() + " also takes away user:" + m.id()
                + " " + member(a) + ", decided keep in row " + teamRow + "\n"
                + "  row " + (n + 1) + ": duplicates row " + projectRow + "\n"
                + "  row " + (n + 2) + ": conflicts with row " + projectRow + " (revoke there, keep here)\n"
                + "  row " + (n + 3) + ": unknown: campaign 1 does not list user:999999 holding " + access() + "\n"
                + "  row " + (n + 4) + ": unknown: it belongs to campaign '7', not 1\n", refused.err());
        assertTrue(kept.contains(",keep,alice,"), kept);
        assertEquals(Map.of(), requests(), "nothing is sent");
    }

    @Test
    void theOrganizationsLastOwnerIsNeverRemoved() throws Exception {
        Path csv = work.resolve("owners.csv");
        ok("review", "start", "--store", store, "--connection", "acme", "--filter", "entitlement=role:owner:assigned",
                "--filter", "principalType=user", "--out", csv.toString());
        List<List<String>> rows = csv(Files.readString(csv));
        List<String> owners = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            owners.add(r.get(2));
            ok("review", "decide", csv.toString(), "--principal", "user:" + r.get(2), "--entitlement",
                    "role:owner:assigned", "--decision", "revoke", "--reviewer", "alice", "--remove", "own");
        }
        assertTrue(!owners.isEmpty());
        Run refused = apply(csv, "--yes");
        assertEquals(3, refused.exit(), refused.err());
        String holders = owners.stream().map(o -> "user:" + o).sorted().collect(Collectors.joining(", "));
        StringBuilder expected = new StringBuilder("plugboard: " + csv + ": " + owners.size() + " row"
                + (owners.size() == 1 ? "" : "s") + " refused, nothing was sent (run 1 of campaign 1 records it):\n");
        for (int i = 0; i < owners.size(); i++) {
            expected.append("  row ").append(i + 2).append(": would remove the organization's last owner"
                    + " (role:owner:assigned is held by ").append(holders).append(" only): make someone else owner"
                    + " first\n");
        }
        assertEquals(expected.toString(), refused.err());
        assertEquals(Map.of(), requests());
    }
}
