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
    void teamMembersGetTheTeamsProjectAccessOneRowPerPrincipalAndEntitlement() throws Exception {
        EffectiveAccess access = EffectiveAccess.load(sync(FakeResourceSync.small()));

        assertThat(table(access, TableWriter.Format.CSV)).isEqualTo(String.join("\r\n",
                "principalType,principalId,principalName,entitlementId,entitlementResourceType,entitlementResourceId,"
                        + "entitlementResourceName,entitlementSlug,path,grantId",
                "team,7,\"Team 7\",project:3:access,project,3,\"Project 3\",access,direct,project:3:access:team:7",
                "user,1,Ada,project:3:access,project,3,\"Project 3\",access,\"team:7:member -> project:3:access\","
                        + "project:3:access:team:7",
                "user,1,Ada,team:7:member,team,7,\"Team 7\",member,direct,team:7:member:user:1",
                "user,2,Bob,project:3:access,project,3,\"Project 3\",access,\"team:7:member -> project:3:access\","
                        + "project:3:access:team:7",
                "user,2,Bob,team:7:member,team,7,\"Team 7\",member,direct,team:7:member:user:2",
                "user,3,Cy,project:4:access,project,4,\"Project 4\",access,direct,project:4:access:user:3",
                "user,3,Cy,team:8:member,team,8,\"Team 8\",member,direct,team:8:member:user:3", ""));
    }

    @Test
    void writesJsonLinesWithTheSameColumns() throws Exception {
        EffectiveAccess access = EffectiveAccess.load(sync(FakeResourceSync.small()));

        assertThat(table(access, TableWriter.Format.JSONL).lines().toList().get(1)).isEqualTo(
                "{\"principalType\":\"user\",\"principalId\":\"1\",\"principalName\":\"Ada\","
                        + "\"entitlementId\":\"project:3:access\",\"entitlementResourceType\":\"project\","
                        + "\"entitlementResourceId\":\"3\",\"entitlementResourceName\":\"Project 3\","
                        + "\"entitlementSlug\":\"access\",\"path\":\"team:7:member -> project:3:access\","
                        + "\"grantId\":\"project:3:access:team:7\"}");
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
        assertThat(rows).hasSize(17);
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
