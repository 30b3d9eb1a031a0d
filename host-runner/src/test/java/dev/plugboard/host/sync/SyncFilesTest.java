package dev.plugboard.host.sync;

import static dev.plugboard.host.sync.SyncTesting.withoutRunFigures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.output.OutputInUseException;
import dev.plugboard.host.output.OutputLock;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sync's files are safe from hand edits, planted links, devices, directories and a second run (issue 14). */
class SyncFilesTest {
    @TempDir
    Path dir;

    private static SyncJob job(FakeResourceSync plugin) {
        return new SyncJob("fake", Map.of(), plugin, SyncOptions.of(1).withCheckpointInterval(java.time.Duration.ZERO),
                Retrier.none(), new SyncStats(), SyncListener.none(), System::nanoTime);
    }

    private static FakeResourceSync failingOnceAt(String call) {
        AtomicBoolean failed = new AtomicBoolean();
        return FakeResourceSync.small().failures(c -> c.equals(call) && failed.compareAndSet(false, true)
                ? Optional.of(new ConnectorException(ErrorKind.UNAVAILABLE, "simulated outage"))
                : Optional.empty());
    }

    private Path interrupted() {
        Path out = dir.resolve("sync.jsonl");
        assertThatThrownBy(() -> job(failingOnceAt("grants user:2 -")).toFile(out, false))
                .isInstanceOf(ConnectorException.class);
        return out;
    }

    @Test
    void aHandEditedCheckpointIsRefused() throws Exception {
        Path out = interrupted();
        Path checkpoint = dir.resolve("sync.jsonl.checkpoint.json");
        String original = Files.readString(checkpoint);
        String refused = "the checkpoint " + checkpoint + " was changed since plugboard wrote it (its integrity"
                + " digest does not match its content); run without --resume to start over";

        Files.writeString(checkpoint, original.replaceFirst("\"outputPosition\" ?: ?\\d+", "\"outputPosition\":10"));
        assertThatThrownBy(() -> job(FakeResourceSync.small()).toFile(out, true))
                .isInstanceOf(ResumeException.class).hasMessage(refused);
        Files.writeString(checkpoint, original.replaceFirst("\"frontier\" ?: ?\\[.*]", "\"frontier\":[]"));
        assertThat(Files.readString(checkpoint)).isNotEqualTo(original);
        assertThatThrownBy(() -> job(FakeResourceSync.small()).toFile(out, true))
                .isInstanceOf(ResumeException.class).hasMessage(refused);

        // the untouched checkpoint still resumes to the same file as an uninterrupted sync
        Files.writeString(checkpoint, original);
        job(FakeResourceSync.small()).toFile(out, true);
        assertThat(withoutRunFigures(Files.readString(out))).isEqualTo(withoutRunFigures(
                SyncTesting.syncToString(FakeResourceSync.small(), SyncOptions.of(1))));
    }

    @Test
    void aPartialFileEditedSinceTheCheckpointIsRefused() throws Exception {
        Path out = interrupted();
        Path partial = dir.resolve("sync.jsonl.partial");
        Files.writeString(partial, Files.readString(partial).replace("Ada", "Eve"));
        assertThatThrownBy(() -> job(FakeResourceSync.small()).toFile(out, true))
                .isInstanceOf(ResumeException.class)
                .hasMessageStartingWith("cannot resume: the partial output " + partial + " was changed since the"
                        + " checkpoint (its first ");
    }

    @Test
    void aSymlinkPlantedAtTheCheckpointsTemporaryFileIsNotFollowed() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
        Files.createSymbolicLink(dir.resolve("sync.jsonl.checkpoint.json.tmp"), victim);
        Files.createSymbolicLink(dir.resolve("sync.jsonl.partial"), victim);
        interrupted();
        assertThat(victim).hasContent("precious");
        assertThat(Files.isSymbolicLink(dir.resolve("sync.jsonl.partial"))).isFalse();
        assertThat(Files.isSymbolicLink(dir.resolve("sync.jsonl.checkpoint.json"))).isFalse();
        assertThat(dir.resolve("sync.jsonl.checkpoint.json.tmp")).doesNotExist();
    }

    @Test
    void aDirectoryIsRefusedBeforeAnyCallAndADeviceIsWrittenDirectly() throws Exception {
        FakeResourceSync plugin = FakeResourceSync.small();
        assertThatThrownBy(() -> job(plugin).toFile(dir, false)).isInstanceOf(IOException.class)
                .hasMessage(dir + " is a directory: name a file to write, such as " + dir.resolve("out"));
        assertThat(plugin.calls()).isEmpty();

        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull), "no /dev/null here");
        SyncSummary summary = job(FakeResourceSync.small()).toFile(devNull, false);
        assertThat(summary.counts().grants()).isEqualTo(5);
        assertThat(Files.isRegularFile(devNull)).isFalse();
        assertThat(Path.of("/dev/null.partial")).doesNotExist();
        assertThatThrownBy(() -> job(FakeResourceSync.small()).toFile(devNull, true))
                .isInstanceOf(ResumeException.class)
                .hasMessage("/dev/null is not a regular file (a device or a pipe): a sync to it cannot be resumed;"
                        + " run without --resume");
    }

    @Test
    void aSecondSyncToTheSameOutputIsRefusedWhileTheFirstRuns() throws Exception {
        Path out = dir.resolve("sync.jsonl");
        try (OutputLock held = OutputLock.acquire(out)) {
            assertThatThrownBy(() -> job(FakeResourceSync.small()).toFile(out, false))
                    .isInstanceOf(OutputInUseException.class)
                    .hasMessage("another plugboard run is writing " + out + " (it holds " + dir.resolve("sync.jsonl.lock")
                            + "); wait until it ends, or write to another file");
        }
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("sync.jsonl.partial")).doesNotExist();
    }

    @Test
    void aWriteFailureAfterAPluginFailureKeepsThePluginsErrorAndAddsTheOther() {
        AtomicBoolean diskFull = new AtomicBoolean();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                if (diskFull.get()) {
                    throw new IOException("No space left on device");
                }
            }
        };
        // the disk fills up as the plugin fails: flushing what the sync has buffered fails too
        FakeResourceSync plugin = FakeResourceSync.small().failures(c -> c.startsWith("grants")
                && !diskFull.getAndSet(true)
                ? Optional.of(new ConnectorException(ErrorKind.PERMISSION, "the token may not list grants"))
                : Optional.empty());
        SyncJob job = new SyncJob("fake", Map.of(), plugin, SyncOptions.of(1), Retrier.none(), new SyncStats(),
                SyncListener.none(), System::nanoTime);
        assertThatThrownBy(() -> job.toStream(full))
                .isInstanceOf(ConnectorException.class)
                .hasMessageEndingWith("the token may not list grants")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("No space left on device"));
    }
}
