package dev.plugboard.examples.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Finding;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportReaderTest {
    @TempDir
    Path work;

    private static FileConnector open(Map<String, Object> values) {
        return new FileConnector(FileConfig.from(new ConnectorConfig("{}", values)),
                TestConnectorContext.builder().maxConcurrency(1).build());
    }

    private static Directory withoutSources(Directory d) {
        Directory.Source none = new Directory.Source("-", 0);
        return new Directory(
                d.users().stream().map(u -> new Directory.User(u.id(), u.email(), u.name(), u.status(),
                        u.department(), none)).toList(),
                d.groups().stream().map(g -> new Directory.Group(g.id(), g.name(), g.description(), none)).toList(),
                d.roles().stream().map(r -> new Directory.Role(r.id(), r.name(), r.description(), none)).toList(),
                d.memberships().stream().map(m -> new Directory.Membership(m.group(), m.user(), none)).toList(),
                d.assignments().stream().map(a -> new Directory.RoleAssignment(a.role(), a.principal(), none))
                        .toList());
    }

    @Test
    void jsonAndCsvExportsOfTheSameDirectoryReadAlike() throws Exception {
        Directory json = ExportReader.read(FileConnectorConformanceIT.resource("export.json"), FileConfig.Format.JSON);
        Directory csv = ExportReader.read(FileConnectorConformanceIT.resource("csv-export"), FileConfig.Format.CSV);
        assertThat(json.users()).hasSize(5);
        assertThat(json.memberships()).hasSize(5);
        assertThat(json.assignments()).hasSize(5);
        assertThat(json.users().get(3).source()).isEqualTo(new Directory.Source("export.json", 6));
        assertThat(csv.memberships().get(2).source()).isEqualTo(new Directory.Source("memberships.csv", 4));
        assertThat(withoutSources(csv)).isEqualTo(withoutSources(json));
    }

    @Test
    void checkReportsEveryBrokenReferenceWithItsLine() {
        CheckResult result = open(Map.of("path", FileConnectorConformanceIT.resource("broken-csv").toString()))
                .check().toCompletableFuture().join();
        assertThat(result.ok()).isFalse();
        assertThat(result.findings()).containsExactly(
                Finding.error("integrity.unknown-user",
                        "memberships.csv line 3: group 'eng' has the unknown user 'u9' as a member"),
                Finding.error("integrity.unknown-group",
                        "memberships.csv line 4: membership of user 'u2' names the unknown group 'sales'"),
                Finding.warning("integrity.duplicate-membership",
                        "memberships.csv line 5: user 'u1' is listed twice as a member of group 'eng'"),
                Finding.info("file.read", "read 5 users, 3 groups, 3 roles, 4 memberships and 5 role assignments from "
                        + FileConnectorConformanceIT.resource("broken-csv") + " (csv)"));
    }

    @Test
    void checkNamesAMissingPathAndInvalidJsonLine() throws IOException {
        Path missing = work.resolve("nope.json");
        assertThat(open(Map.of("path", missing.toString())).check().toCompletableFuture().join().findings())
                .containsExactly(Finding.error("file.unreadable", missing
                        + " does not exist: set 'path' to a JSON file or a folder of CSV files"));
        Path bad = Files.writeString(work.resolve("bad.json"), "{\n  \"users\": [\n    {\"id\": \"u1\",}\n  ]\n}\n");
        assertThat(open(Map.of("path", bad.toString())).check().toCompletableFuture().join().findings())
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo("file.unreadable");
                    assertThat(f.message()).startsWith("bad.json line 3: not valid JSON: Unexpected character ('}'");
                });
        Path noEmail = Files.writeString(work.resolve("partial.json"), "{\"users\": [\n{\"id\": \"u1\", \"name\": \"A\"}]}");
        assertThat(open(Map.of("path", noEmail.toString())).check().toCompletableFuture().join().findings())
                .containsExactly(Finding.error("file.unreadable", "partial.json line 2: 'email' is missing"));
    }

    @Test
    void pagesFollowOffsetsAndRejectForeignTokens() {
        FileConnector c = open(Map.of("path", FileConnectorConformanceIT.resource("export.json").toString(),
                "pageSize", 2));
        var sync = c.resourceSync().orElseThrow();
        Page<Resource> first = sync.resources("user", Optional.empty(), Optional.empty()).toCompletableFuture().join();
        assertThat(first.items()).extracting(Resource::id).containsExactly("u1", "u2");
        assertThat(first.nextToken()).contains("2");
        Page<Resource> last = sync.resources("user", Optional.empty(), Optional.of("4")).toCompletableFuture().join();
        assertThat(last.items()).extracting(Resource::id).containsExactly("u5");
        assertThat(last.nextToken()).isEmpty();
        assertThatThrownBy(() -> sync.resources("user", Optional.empty(), Optional.of("x")).toCompletableFuture().join())
                .hasCauseInstanceOf(ConnectorException.class)
                .hasMessageContaining("page token 'x' was not handed out by this connector");
    }

    @Test
    void groupRoleGrantsExpandFromMembershipAndTheReportShowsEffectiveAccess() {
        FileConnector c = open(Map.of("path", FileConnectorConformanceIT.resource("export.json").toString()));
        var sync = c.resourceSync().orElseThrow();
        Resource deployer = sync.resources("role", Optional.empty(), Optional.empty()).toCompletableFuture().join()
                .items().get(1);
        assertThat(sync.grants(deployer, Optional.empty()).toCompletableFuture().join().items()).containsExactly(
                dev.plugboard.spi.Grant.expandable("role:deployer:assigned", new ResourceRef("group", "eng"),
                        List.of("group:eng:member")),
                dev.plugboard.spi.Grant.expandable("role:deployer:assigned", new ResourceRef("group", "ops"),
                        List.of("group:ops:member")));
        List<Row> rows = c.reports().orElseThrow().run("user-access", Map.of("status", "suspended"), Optional.empty())
                .toCompletableFuture().join().items();
        assertThat(rows).extracting(Row::values).containsExactly(new java.util.LinkedHashMap<>(Map.of(
                "userId", "u4", "email", "edsger@example.com", "status", "suspended", "groups", 1,
                "roleId", "deployer", "roleName", "Deployer", "via", "group:eng")));
    }
}
