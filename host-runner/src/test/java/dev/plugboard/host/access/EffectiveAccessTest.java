package dev.plugboard.host.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.FakeResourceSync;
import dev.plugboard.host.sync.SyncJob;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveAccessTest {
    @TempDir
    Path dir;

    private Path sync(FakeResourceSync plugin) throws Exception {
        Path out = dir.resolve("sync.jsonl");
        new SyncJob("fake", Map.of(), plugin, SyncOptions.of(4), Retrier.none(), new SyncStats(), SyncListener.none(),
                System::nanoTime).toFile(out, false);
        return out;
    }

    private static String table(EffectiveAccess access, TableWriter.Format format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.open(format, out, AccessRow.COLUMNS, Set.of())) {
            access.write(writer);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void teamMembersGetTheTeamsProjectAccessOneRowPerPath() throws Exception {
        EffectiveAccess access = EffectiveAccess.load(sync(FakeResourceSync.small()));

        assertThat(table(access, TableWriter.Format.CSV)).isEqualTo(String.join("\r\n",
                "principalType,principalId,principalName,entitlementId,entitlementResourceType,entitlementResourceId,"
                        + "entitlementResourceName,entitlementSlug,path,grantId,principalLastLogin,principalLastActive",
                "team,7,\"Team 7\",project:3:access,project,3,\"Project 3\",access,direct,project:3:access:team:7,,",
                "user,1,Ada,project:3:access,project,3,\"Project 3\",access,\"team:7:member -> project:3:access\","
                        + "project:3:access:team:7,,",
                "user,1,Ada,team:7:member,team,7,\"Team 7\",member,direct,team:7:member:user:1,,",
                "user,2,Bob,project:3:access,project,3,\"Project 3\",access,\"team:7:member -> project:3:access\","
                        + "project:3:access:team:7,,",
                "user,2,Bob,team:7:member,team,7,\"Team 7\",member,direct,team:7:member:user:2,,",
                "user,3,Cy,project:4:access,project,4,\"Project 4\",access,direct,project:4:access:user:3,,",
                "user,3,Cy,team:8:member,team,8,\"Team 8\",member,direct,team:8:member:user:3,,", ""));
    }

    @Test
    void aUserReachingAProjectThroughTwoTeamsHasARowForEachPathWithLastActivity() throws Exception {
        FakeResourceSync plugin = FakeResourceSync.small();
        // Fay is in teams 7 and 8, both with access to project 3, and holds it directly too; last active in March
        ResourceRef fay = new ResourceRef("user", "6");
        plugin.resource(Resource.of(fay, "Fay", Map.of("lastLogin", "2026-03-01T10:00:00Z",
                "lastActive", "2026-03-02T11:00:00Z")));
        plugin.grant(new ResourceRef("team", "7"), Grant.of("team:7:member", fay));
        plugin.grant(new ResourceRef("team", "8"), Grant.of("team:8:member", fay));
        plugin.grant(new ResourceRef("project", "3"), Grant.expandable("project:3:access", new ResourceRef("team",
                "8"), List.of("team:8:member")));
        plugin.grant(new ResourceRef("project", "3"), Grant.of("project:3:access", fay));

        List<AccessRow> rows = EffectiveAccess.load(sync(plugin)).rows();

        assertThat(rows.stream().filter(r -> r.principalId().equals("6") && r.entitlementId().equals(
                "project:3:access")).map(r -> r.path() + " (" + r.grantId() + ") " + r.principalLastLogin() + " "
                + r.principalLastActive())).containsExactly(
                        "direct (project:3:access:user:6) 2026-03-01T10:00:00Z 2026-03-02T11:00:00Z",
                        "team:7:member -> project:3:access (project:3:access:team:7) 2026-03-01T10:00:00Z"
                                + " 2026-03-02T11:00:00Z",
                        "team:8:member -> project:3:access (project:3:access:team:8) 2026-03-01T10:00:00Z"
                                + " 2026-03-02T11:00:00Z");
    }

    @Test
    void aGrantHeldViaOtherEntitlementsIsAPathNotADirectRowAndExpandsOn() throws Exception {
        FakeResourceSync plugin = FakeResourceSync.small();
        // Ada is team 7's admin twice: stored, and through her org role with her membership; team 7's admins
        // (not its members) get project 9
        ResourceRef ada = new ResourceRef("user", "1");
        ResourceRef team = new ResourceRef("team", "7");
        plugin.entitlement(new Entitlement("team:7:admin", team, "admin", "Team 7 admin",
                Entitlement.Purpose.ASSIGNMENT, Set.of("user")));
        plugin.grant(team, Grant.of("team:7:admin", ada));
        plugin.grant(team, new Grant("team:7:admin:user:1:org-role:manager", "team:7:admin", ada, List.of(),
                List.of("role:manager:assigned", "team:7:member")));
        plugin.grant(team, Grant.expandable("project:9:access", team, List.of("team:7:admin")));

        Path file = sync(plugin);
        assertThat(Files.readString(file)).contains("{\"kind\":\"grant\",\"id\":\"team:7:admin:user:1:org-role:"
                + "manager\",\"entitlement\":\"team:7:admin\",\"principal\":{\"type\":\"user\",\"id\":\"1\"},"
                + "\"via\":[\"role:manager:assigned\",\"team:7:member\"]}\n");
        List<AccessRow> rows = EffectiveAccess.load(file).rows();

        assertThat(rows.stream().filter(r -> r.principalId().equals("1") && r.entitlementId().matches(
                "team:7:admin|project:9:access")).map(r -> r.entitlementId() + ": " + r.path() + " (" + r.grantId()
                + ")")).containsExactly(
                        "project:9:access: team:7:admin -> project:9:access (project:9:access:team:7)",
                        "project:9:access: role:manager:assigned + team:7:member -> team:7:admin -> project:9:access"
                                + " (project:9:access:team:7)",
                        "team:7:admin: direct (team:7:admin:user:1)",
                        "team:7:admin: role:manager:assigned + team:7:member -> team:7:admin"
                                + " (team:7:admin:user:1:org-role:manager)");
    }

    @Test
    void aViaThatIsNotAListOfIdsIsABadFile() {
        String file = "{\"kind\":\"grant\",\"id\":\"g\",\"entitlement\":\"team:7:admin\",\"principal\":{\"type\":"
                + "\"user\",\"id\":\"1\"},\"via\":\"team:7:member\"}\n{\"kind\":\"summary\"}\n";
        assertThatThrownBy(() -> EffectiveAccess.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                "f.jsonl")).isInstanceOf(SyncFileException.class)
                .hasMessage("f.jsonl line 1: grant g: 'via' must be a list of entitlement ids");
    }

    @Test
    void aLongChainOfNestedTeamsIsCutAtTheDepthLimitAndSaysSo() throws Exception {
        FakeResourceSync plugin = FakeResourceSync.small();
        // team c1 holds team:7:member, c2 holds c1's membership, ... 60 teams deep; Eve is in c60
        String below = "team:7:member";
        for (int i = 1; i <= 60; i++) {
            ResourceRef t = new ResourceRef("team", "c" + i);
            plugin.resource(Resource.of(t, "Chain " + i, Map.of()));
            plugin.entitlement(new Entitlement("team:c" + i + ":member", t, "member", "Member",
                    Entitlement.Purpose.ASSIGNMENT, Set.of("user", "team")));
            String[] parts = below.split(":");
            plugin.grant(new ResourceRef(parts[0], parts[1]), Grant.expandable(below, t, List.of("team:c" + i
                    + ":member")));
            below = "team:c" + i + ":member";
        }
        plugin.resource(Resource.of(new ResourceRef("user", "5"), "Eve", Map.of()));
        plugin.grant(new ResourceRef("team", "c60"), Grant.of("team:c60:member", new ResourceRef("user", "5")));
        EffectiveAccess access = EffectiveAccess.load(sync(plugin));

        List<AccessRow> eve = access.rows().stream().filter(r -> r.principalId().equals("5")).toList();
        // the default depth (32 steps) reaches c60 down to c28: 33 entitlements, then stops
        assertThat(eve).hasSize(33);
        assertThat(access.truncation().longerPaths()).isPositive();
        // every team of the chain below c28 is cut too; the first five (text order) are named
        assertThat(access.truncation().principals()).hasSize(5).allSatisfy(p -> assertThat(p).startsWith("team:c"));

        access.limits(new EffectiveAccess.Limits(100, 100));
        List<AccessRow> all = access.rows().stream().filter(r -> r.principalId().equals("5")).toList();
        // c60..c1, team 7 and project 3
        assertThat(all).hasSize(62);
        assertThat(all.stream().filter(r -> r.entitlementId().equals("project:3:access")).findFirst().orElseThrow()
                .path().split(" -> ")).hasSize(62);
        assertThat(access.truncation().any()).isFalse();

        access.limits(new EffectiveAccess.Limits(0, 100));
        assertThat(access.rows().stream().filter(r -> r.principalId().equals("5")).map(AccessRow::path))
                .containsExactly("direct");
    }

    @Test
    void writesJsonLinesWithTheSameColumns() throws Exception {
        EffectiveAccess access = EffectiveAccess.load(sync(FakeResourceSync.small()));

        assertThat(table(access, TableWriter.Format.JSONL).lines().toList().get(1)).isEqualTo(
                "{\"principalType\":\"user\",\"principalId\":\"1\",\"principalName\":\"Ada\","
                        + "\"entitlementId\":\"project:3:access\",\"entitlementResourceType\":\"project\","
                        + "\"entitlementResourceId\":\"3\",\"entitlementResourceName\":\"Project 3\","
                        + "\"entitlementSlug\":\"access\",\"path\":\"team:7:member -> project:3:access\","
                        + "\"grantId\":\"project:3:access:team:7\",\"principalLastLogin\":\"\","
                        + "\"principalLastActive\":\"\"}");
    }

    @Test
    void expansionsChainThroughNestedTeamsAndCyclesEnd() throws Exception {
        FakeResourceSync plugin = FakeResourceSync.small();
        ResourceRef team9 = new ResourceRef("team", "9");
        plugin.resource(new Resource(team9, java.util.Optional.of(new ResourceRef("org", "acme")), "Team 9", Map.of(),
                List.of()));
        plugin.entitlement(new Entitlement("team:9:member", team9, "member", "Member",
                Entitlement.Purpose.ASSIGNMENT, Set.of("user", "team")));
        plugin.resource(dev.plugboard.spi.Resource.of(new ResourceRef("user", "5"), "Eve", Map.of()));
        plugin.grant(team9, Grant.of("team:9:member", new ResourceRef("user", "5")));
        // team 9 is a member of team 7, and team 7 of team 9: a cycle
        plugin.grant(new ResourceRef("team", "7"), Grant.expandable("team:7:member", team9, List.of("team:9:member")));
        plugin.grant(team9, Grant.expandable("team:9:member", new ResourceRef("team", "7"), List.of("team:7:member")));

        List<AccessRow> rows = EffectiveAccess.load(sync(plugin)).rows();

        assertThat(rows.stream().filter(r -> r.principalId().equals("5") || r.principalId().equals("1"))
                .map(r -> r.principalId() + " " + r.entitlementId() + " via " + r.path() + " (" + r.grantId() + ")"))
                .containsExactly(
                        "1 project:3:access via team:7:member -> project:3:access (project:3:access:team:7)",
                        "1 team:7:member via direct (team:7:member:user:1)",
                        "1 team:9:member via team:7:member -> team:9:member (team:9:member:team:7)",
                        "5 project:3:access via team:9:member -> team:7:member -> project:3:access"
                                + " (project:3:access:team:7)",
                        "5 team:7:member via team:9:member -> team:7:member (team:7:member:team:9)",
                        "5 team:9:member via direct (team:9:member:user:5)");
        // every path: team 7 holds project 3 directly, and again through team 9, which it is itself a member of
        assertThat(rows.stream().filter(r -> r.principalId().equals("7") && r.entitlementId().equals(
                "project:3:access")).map(AccessRow::path)).containsExactly("direct",
                "team:9:member -> team:7:member -> project:3:access");
        assertThat(rows).hasSize(18);
    }

    @Test
    void anUnfinishedOrMalformedSyncFileIsRefused() throws Exception {
        Path unfinished = dir.resolve("unfinished.jsonl");
        Files.writeString(unfinished, "{\"kind\":\"resource\",\"type\":\"user\",\"id\":\"1\",\"displayName\":\"A\"}\n");
        Path garbled = dir.resolve("garbled.jsonl");
        Files.writeString(garbled, "{\"kind\":\"resourceType\"}\n{\"kind\":\"grant\",\"id\":\"g\"}\n");

        assertThatThrownBy(() -> EffectiveAccess.load(unfinished)).isInstanceOf(SyncFileException.class)
                .hasMessage(unfinished + " has no summary line: it is not from a completed sync; run the sync again"
                        + " (or resume it with --resume)");
        assertThatThrownBy(() -> EffectiveAccess.load(garbled)).isInstanceOf(SyncFileException.class)
                .hasMessage(garbled + " line 2: a grant record lacks 'entitlement'");
        assertThatThrownBy(() -> EffectiveAccess.read(new ByteArrayInputStream("{oops".getBytes(StandardCharsets.UTF_8)),
                "x.jsonl")).isInstanceOf(SyncFileException.class).hasMessageStartingWith("x.jsonl line 1 is not JSON");
        assertThatThrownBy(() -> EffectiveAccess.load(dir.resolve("none.jsonl"))).isInstanceOf(SyncFileException.class)
                .hasMessageContaining("does not exist");
    }
}
