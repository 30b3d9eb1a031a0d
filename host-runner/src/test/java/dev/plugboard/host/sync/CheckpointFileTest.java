package dev.plugboard.host.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsEveryKindOfEntryWithInstantsKept() throws Exception {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("joined", Instant.parse("2024-05-06T07:08:09Z"));
        profile.put("tags", Arrays.asList("a", null, 3L));
        profile.put("nested", Map.of("ok", true));
        Resource team = new Resource(new ResourceRef("team", "7"), Optional.of(new ResourceRef("org", "acme")),
                "Team 7", profile, List.of("project"));
        SyncState state = new SyncState(new SyncCounts(4, new TreeMap<>(Map.of("team",
                new SyncCounts.TypeCounts(1, 2, 3)))), List.of(
                new SyncState.ResourceEntry(WalkKey.of(0, 0, 1), team),
                new SyncState.PageEntry(WalkKey.of(0, 0, 1, 0, 0), new Listing.Entitlements(team), Optional.empty()),
                new SyncState.PageEntry(WalkKey.of(0, 0, 1, 1, 3), new Listing.Grants(team), Optional.of("c:3")),
                new SyncState.PageEntry(WalkKey.of(0, 0, 1, 2, 0),
                        new Listing.Resources("project", Optional.of(team.ref())), Optional.empty()),
                new SyncState.PageEntry(WalkKey.of(1, 2), new Listing.Resources("user", Optional.empty()),
                        Optional.of("next"))), 1234, 55, 60, 2, 1);
        Checkpoint checkpoint = new Checkpoint("fake", List.of("org", "team"), "salt", "digest", 987,
                java.util.Optional.of("abc123"), state);
        CheckpointFile file = new CheckpointFile(dir.resolve("x.checkpoint.json"));

        file.write(checkpoint);
        Checkpoint read = file.read();

        assertThat(read).isEqualTo(checkpoint);
        assertThat(((Resource) ((SyncState.ResourceEntry) read.state().frontier().get(0)).resource()).profile()
                .get("joined")).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.checkpoint.json");
        }
    }

    @Test
    void aDamagedCheckpointIsRefusedWithAClearMessage() throws Exception {
        CheckpointFile file = new CheckpointFile(dir.resolve("x.checkpoint.json"));
        Files.writeString(file.path(), "{\"format\":1,\"pluginId\":\"fake\"");

        assertThatThrownBy(file::read).isInstanceOf(ResumeException.class)
                .hasMessageStartingWith("the checkpoint " + file.path() + " cannot be read (")
                .hasMessageEndingWith("); run without --resume to start over");
    }
}
