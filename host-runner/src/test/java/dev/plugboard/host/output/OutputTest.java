package dev.plugboard.host.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {
    @TempDir
    Path dir;

    @Test
    void aFileAppearsOnlyOnCommitAndAnAbandonedOneLeavesNothing() throws Exception {
        Path target = dir.resolve("out.csv");
        try (AtomicFileOutput out = AtomicFileOutput.create(target)) {
            out.stream().write("a,b\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(out.sync()).isEqualTo(5);
            assertThat(target).doesNotExist();
            assertThat(dir.resolve("out.csv.partial")).hasContent("a,b\r\n");
            out.commit();
        }
        assertThat(target).hasContent("a,b\r\n");
        assertThat(dir.resolve("out.csv.partial")).doesNotExist();

        try (OutputTarget failed = OutputTarget.file(target)) {
            failed.writer().write("half");
        }
        assertThat(target).hasContent("a,b\r\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.csv");
        }
    }

    @Test
    void resumingKeepsTheCheckpointedBytesAndDropsTheRest() throws Exception {
        Path target = dir.resolve("s.jsonl");
        AtomicFileOutput first = AtomicFileOutput.create(target);
        first.stream().write("line1\nline2\nhalf-a-li".getBytes(StandardCharsets.UTF_8));
        first.abandon(true);

        try (AtomicFileOutput resumed = AtomicFileOutput.resume(target, 12)) {
            resumed.stream().write("line3\n".getBytes(StandardCharsets.UTF_8));
            assertThat(resumed.sync()).isEqualTo(18);
            resumed.commit();
        }
        assertThat(target).hasContent("line1\nline2\nline3\n");
        Files.writeString(AtomicFileOutput.partialOf(target), "short");
        assertThatThrownBy(() -> AtomicFileOutput.resume(target, 99)).isInstanceOf(IOException.class)
                .hasMessage("cannot resume: the partial output " + AtomicFileOutput.partialOf(target) + " has 5 bytes"
                        + " but the checkpoint recorded 99; run again without --resume");
    }
}
