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

        try (AtomicFileOutput resumed = AtomicFileOutput.resume(target, 12, sha256("line1\nline2\n"))) {
            resumed.stream().write("line3\n".getBytes(StandardCharsets.UTF_8));
            assertThat(resumed.sync()).isEqualTo(18);
            resumed.commit();
        }
        assertThat(target).hasContent("line1\nline2\nline3\n");
        Files.writeString(AtomicFileOutput.partialOf(target), "short");
        assertThatThrownBy(() -> AtomicFileOutput.resume(target, 99, sha256(""))).isInstanceOf(IOException.class)
                .hasMessage("cannot resume: the partial output " + AtomicFileOutput.partialOf(target) + " has 5 bytes"
                        + " but the checkpoint recorded 99; run again without --resume");
    }

    static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPartialFileChangedSinceTheCheckpointIsRefused() throws Exception {
        Path target = dir.resolve("s.jsonl");
        String digest;
        try (AtomicFileOutput first = AtomicFileOutput.create(target)) {
            first.stream().write("line1\nline2\n".getBytes(StandardCharsets.UTF_8));
            assertThat(first.sync()).isEqualTo(12);
            digest = first.contentDigest();
            first.abandon(true);
        }
        assertThat(digest).isEqualTo(sha256("line1\nline2\n"));
        Files.writeString(AtomicFileOutput.partialOf(target), "line1\nlinE2\n");
        assertThatThrownBy(() -> AtomicFileOutput.resume(target, 12, digest)).isInstanceOf(IOException.class)
                .hasMessage("cannot resume: the partial output " + AtomicFileOutput.partialOf(target) + " was changed"
                        + " since the checkpoint (its first 12 bytes are not the ones written); run again without"
                        + " --resume");
    }

    @Test
    void aSymlinkPlantedAtThePartialNameNeverRedirectsTheWrites() throws Exception {
        Path target = dir.resolve("out.csv");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.createSymbolicLink(AtomicFileOutput.partialOf(target), victim);
        try (OutputTarget out = OutputTarget.file(target)) {
            out.writer().write("a,b\r\n");
            out.commit();
        }
        assertThat(victim).hasContent("precious");
        assertThat(target).hasContent("a,b\r\n");
        assertThat(Files.isSymbolicLink(target)).isFalse();

        Files.createSymbolicLink(AtomicFileOutput.partialOf(target), victim);
        assertThatThrownBy(() -> AtomicFileOutput.resume(target, 0, sha256(""))).isInstanceOf(IOException.class)
                .hasMessage("cannot resume: the partial output " + AtomicFileOutput.partialOf(target)
                        + " is not a regular file; run again without --resume");
        assertThat(victim).hasContent("precious");
    }

    @Test
    void aDeviceIsWrittenDirectlyNeverReplacedAndADirectoryIsRefused() throws Exception {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null on this system");
        try (OutputTarget out = OutputTarget.file(devNull)) {
            out.writer().write("discarded");
            out.commit();
        }
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Path.of("/dev/null.partial")).doesNotExist();
        assertThat(Path.of("/dev/null.lock")).doesNotExist();

        assertThatThrownBy(() -> OutputTarget.file(dir)).isInstanceOf(IOException.class)
                .hasMessage(dir + " is a directory: name a file to write, such as " + dir.resolve("out"));
    }

    @Test
    void aSecondWriterOfTheSameOutputIsRefusedWhileTheFirstHoldsIt() throws Exception {
        Path target = dir.resolve("access.csv");
        try (OutputTarget first = OutputTarget.file(target)) {
            assertThatThrownBy(() -> OutputTarget.file(target)).isInstanceOf(OutputInUseException.class)
                    .hasMessage("another plugboard run is writing " + target + " (it holds "
                            + OutputLock.lockOf(target) + "); wait until it ends, or write to another file");
            first.writer().write("x");
            first.commit();
        }
        assertThat(OutputLock.lockOf(target)).doesNotExist();
        try (OutputTarget again = OutputTarget.file(target)) {
            again.writer().write("y");
            again.commit();
        }
        assertThat(target).hasContent("y");
    }
}
