package dev.plugboard.host.sync;

import static dev.plugboard.host.sync.SyncTesting.withoutDuration;
import static dev.plugboard.host.sync.SyncTesting.withoutRunFigures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncJobTest {
    @TempDir
    Path dir;

    private static SyncOptions everyWrite(int concurrency) {
        return SyncOptions.of(concurrency).withCheckpointInterval(java.time.Duration.ZERO);
    }

    private static SyncJob job(FakeResourceSync plugin, SyncOptions options, Map<String, Object> config) {
        return new SyncJob("fake", config, plugin, options, Retrier.none(), new SyncStats(), SyncListener.none(),
                System::nanoTime);
    }

    /** Fails (for good) the first time the given call completes, and never again. */
    private static FakeResourceSync failingOnceAt(FakeResourceSync plugin, String call) {
        AtomicBoolean failed = new AtomicBoolean();
        return plugin.failures(c -> c.equals(call) && failed.compareAndSet(false, true)
                ? Optional.of(new ConnectorException(ErrorKind.INTERNAL, "simulated crash"))
                : Optional.empty());
    }

    @Test
    void aCompletedSyncAppearsAtOnceAndLeavesNothingBeside() throws Exception {
        Path out = dir.resolve("sync.jsonl");

        job(FakeResourceSync.small(), everyWrite(4), Map.of()).toFile(out, false);

        assertThat(withoutDuration(Files.readString(out))).isEqualTo(SyncEngineTest.SMALL_SYNC);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sync.jsonl");
        }
    }

    @Test
    void aFailedSyncLeavesNoOutputButAPartialFileAndACheckpoint() throws Exception {
        Path out = dir.resolve("sync.jsonl");
        FakeResourceSync plugin = failingOnceAt(FakeResourceSync.small(), "grants user:2 -");

        assertThatThrownBy(() -> job(plugin, everyWrite(1), Map.of()).toFile(out, false))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("plugin fake failed listing grants of user:2: simulated crash");

        assertThat(out).doesNotExist();
        assertThat(dir.resolve("sync.jsonl.partial")).exists();
        assertThat(dir.resolve("sync.jsonl.checkpoint.json")).exists();
    }

    @Test
    void aFailedStreamLessSyncWithoutCheckpointLeavesNothing() throws Exception {
        Path out = dir.resolve("sync.jsonl");
        Files.writeString(out, "an older, complete sync\n");
        FakeResourceSync plugin = FakeResourceSync.small().failures(c -> Optional.of(
                new ConnectorException(ErrorKind.AUTHENTICATION, "bad token")));

        assertThatThrownBy(() -> job(plugin, SyncOptions.of(1), Map.of()).toFile(out, false))
                .hasMessage("plugin fake failed listing resources of type org: bad token");

        assertThat(Files.readString(out)).isEqualTo("an older, complete sync\n");
    }

    @Test
    void resumingAfterACrashFetchesNoWrittenPageAgainAndWritesTheSameFile() throws Exception {
        Path out = dir.resolve("sync.jsonl");
        FakeResourceSync first = failingOnceAt(FakeResourceSync.small(), "grants user:2 -");
        assertThatThrownBy(() -> job(first, everyWrite(1), Map.of()).toFile(out, false))
                .isInstanceOf(ConnectorException.class);
        FakeResourceSync second = FakeResourceSync.small();

        SyncSummary summary = job(second, everyWrite(1), Map.of()).toFile(out, true);

        FakeResourceSync uninterrupted = FakeResourceSync.small();
        String expected = SyncTesting.syncToString(uninterrupted, SyncOptions.of(1));
        List<String> firstDone = first.calls().subList(0, first.calls().size() - 1);
        assertThat(second.calls().get(0)).isEqualTo("grants user:2 -");
        List<String> all = new ArrayList<>(firstDone);
        all.addAll(second.calls());
        assertThat(all).isEqualTo(uninterrupted.calls());
        assertThat(withoutRunFigures(Files.readString(out))).isEqualTo(withoutRunFigures(expected));
        assertThat(summary.calls()).isEqualTo(first.calls().size() + second.calls().size());
        assertThat(dir.resolve("sync.jsonl.checkpoint.json")).doesNotExist();
        assertThat(dir.resolve("sync.jsonl.partial")).doesNotExist();
    }

    @Test
    void resumingAConcurrentSyncRefetchesOnlyPagesTheCheckpointHadNotWritten() throws Exception {
        ScheduledExecutorService loop = Executors.newScheduledThreadPool(2);
        try {
            Random random = new Random(7);
            FakeResourceSync.Completer jittery = (call, answer) -> {
                long delay;
                synchronized (random) {
                    delay = random.nextInt(2000);
                }
                loop.schedule(answer, delay, TimeUnit.MICROSECONDS);
            };
            Path out = dir.resolve("sync.jsonl");
            FakeResourceSync first = failingOnceAt(FakeResourceSync.wide(30, 4).pageSize(2).completer(jittery),
                    "grants team:t17 @2");
            assertThatThrownBy(() -> job(first, everyWrite(6), Map.of()).toFile(out, false))
                    .isInstanceOf(ConnectorException.class);
            Checkpoint checkpoint = CheckpointFile.besides(out).read();
            Set<String> frontier = new HashSet<>();
            for (SyncState.FrontierEntry e : checkpoint.state().frontier()) {
                if (e instanceof SyncState.PageEntry p) {
                    frontier.add(p.listing().describe() + " " + p.token().orElse("-"));
                }
            }
            FakeResourceSync second = FakeResourceSync.wide(30, 4).pageSize(2).completer(jittery);

            job(second, everyWrite(6), Map.of()).toFile(out, true);

            String expected = SyncTesting.syncToString(FakeResourceSync.wide(30, 4).pageSize(2), SyncOptions.of(1));
            assertThat(withoutRunFigures(Files.readString(out))).isEqualTo(withoutRunFigures(expected));
            Set<String> refetched = new HashSet<>(first.calls());
            refetched.retainAll(second.calls());
            assertThat(refetched).isNotEmpty();
            for (String call : refetched) {
                // a refetched page is one the checkpoint still listed as work (or a later page of such a listing)
                String listing = call.substring(0, call.lastIndexOf(' '));
                assertThat(frontier).anyMatch(f -> f.startsWith(describe(listing)));
            }
        } finally {
            loop.shutdownNow();
        }
    }

    /** Turns a fake's call text ({@code grants team:t1}) into a listing description ({@code grants of team:t1}). */
    private static String describe(String listing) {
        String[] parts = listing.split(" ", 2);
        return parts[0].equals("resources") ? "resources of type " + parts[1].replace("<", " under ")
                : parts[0] + " of " + parts[1];
    }

    @Test
    void aCheckpointForAnotherConfigurationTypesOrPluginIsRefused() throws Exception {
        Path out = dir.resolve("sync.jsonl");
        Map<String, Object> config = Map.of("token", "s3cret", "org", "acme");
        assertThatThrownBy(() -> job(failingOnceAt(FakeResourceSync.small(), "grants user:2 -"), everyWrite(1), config)
                .toFile(out, false)).isInstanceOf(ConnectorException.class);
        assertThat(Files.readString(dir.resolve("sync.jsonl.checkpoint.json"))).doesNotContain("s3cret");

        assertThatThrownBy(() -> job(FakeResourceSync.small(), everyWrite(1), Map.of("token", "other", "org", "acme"))
                .toFile(out, true))
                .isInstanceOf(ResumeException.class)
                .hasMessage("the configuration differs from the one the checkpoint sync.jsonl.checkpoint.json was"
                        + " taken with; resume with the same configuration; run without --resume to start over");
        assertThatThrownBy(() -> job(FakeResourceSync.small(), everyWrite(1).withTypes(List.of("user")), config)
                .toFile(out, true))
                .isInstanceOf(ResumeException.class)
                .hasMessage("the checkpoint sync.jsonl.checkpoint.json was taken syncing the types"
                        + " org,user,team,project, not user; resume with --types org,user,team,project;"
                        + " run without --resume to start over");
        assertThatThrownBy(() -> new SyncJob("other", config, FakeResourceSync.small(), everyWrite(1), Retrier.none(),
                new SyncStats(), SyncListener.none(), System::nanoTime).toFile(out, true))
                .isInstanceOf(ResumeException.class)
                .hasMessage("the checkpoint sync.jsonl.checkpoint.json is for plugin 'fake', not 'other';"
                        + " run without --resume to start over");
        // the same configuration, keys in another order, resumes
        job(FakeResourceSync.small(), everyWrite(1), new java.util.TreeMap<>(config)).toFile(out, true);
        assertThat(withoutDuration(Files.readString(out)).replaceAll("\"calls\":\\d+", "\"calls\":22"))
                .isEqualTo(SyncEngineTest.SMALL_SYNC);
    }

    @Test
    void resumingWithoutACheckpointSaysSo() {
        Path out = dir.resolve("sync.jsonl");

        assertThatThrownBy(() -> job(FakeResourceSync.small(), everyWrite(1), Map.of()).toFile(out, true))
                .isInstanceOf(ResumeException.class)
                .hasMessage("there is no checkpoint " + dir.resolve("sync.jsonl.checkpoint.json").toAbsolutePath()
                        + " to resume from; run without --resume");
    }
}
