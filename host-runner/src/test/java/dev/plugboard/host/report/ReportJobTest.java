package dev.plugboard.host.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.ResumeException;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ReportDefinition;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Report runs that resume, and incremental runs that lose and duplicate no row. */
class ReportJobTest {
    private static final Duration LOOKBACK = Duration.ofMinutes(5);
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path work;

    private static ReportJob job(Reports2 source, String report, Optional<ReportJob.IncrementalPlan> plan,
                                 Optional<ReportRows> table) {
        ReportRunner runner = new ReportRunner("grow", source.reports(), Retrier.none());
        ReportDefinition d = runner.definition(report);
        return new ReportJob(runner, "grow", d, Map.of(), Map.of("org", "acme"), TableWriter.Format.CSV,
                TableWriter.CsvCells.GUARDED, plan, table);
    }

    /** Wraps the source so tests read as what they do. */
    private record Reports2(GrowingReports reports) {
    }

    private static Optional<ReportJob.IncrementalPlan> plan(IncrementalState previous) {
        return Optional.of(new ReportJob.IncrementalPlan(previous, LOOKBACK,
                IncrementalMerge.lowerBound(previous, LOOKBACK, Optional.of(Duration.ofDays(90)), NOW)));
    }

    private static String csv(Reports2 source, String report, Optional<ReportJob.IncrementalPlan> plan,
                              List<ReportJob.Outcome> outcomes) throws Exception {
        StringWriter out = new StringWriter();
        outcomes.add(job(source, report, plan, Optional.empty()).toWriter(Optional.of(out)));
        return out.toString();
    }

    @Test
    void aFailedRunKeepsItsPagesAndResumeReadsOnlyThePagesAfterThem() throws Exception {
        GrowingReports grow = new GrowingReports();
        for (int i = 1; i <= 5; i++) {
            grow.event("e" + i, "2026-11-23T10:0" + i + ":00Z");
        }
        AtomicBoolean broken = new AtomicBoolean(true);
        grow.failOn(call -> call.equals("events:4") && broken.get());
        Path out = work.resolve("events.csv");
        Reports2 source = new Reports2(grow);

        assertThatThrownBy(() -> job(source, "events", Optional.empty(), Optional.empty()).toFile(out, false))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind())
                        .isEqualTo(ErrorKind.PERMISSION));
        assertThat(out).doesNotExist();
        assertThat(Path.of(out + ".partial")).hasContent("id,at,title\r\n"
                + "e5,2026-11-23T10:05:00Z,\"event e5\"\r\ne4,2026-11-23T10:04:00Z,\"event e4\"\r\n"
                + "e3,2026-11-23T10:03:00Z,\"event e3\"\r\ne2,2026-11-23T10:02:00Z,\"event e2\"\r\n");
        assertThat(ReportCheckpoint.read(ReportCheckpoint.besides(out)).nextToken()).isEqualTo("4");

        broken.set(false);
        grow.clearCalls();
        ReportJob resumed = job(source, "events", Optional.empty(), Optional.empty());
        ReportJob.Outcome outcome = resumed.toFile(out, true);

        assertThat(grow.calls()).containsExactly("events:4");
        assertThat(outcome.rowsRead()).isEqualTo(5);
        assertThat(outcome.pages()).isEqualTo(3);
        assertThat(out).hasContent("id,at,title\r\n"
                + "e5,2026-11-23T10:05:00Z,\"event e5\"\r\ne4,2026-11-23T10:04:00Z,\"event e4\"\r\n"
                + "e3,2026-11-23T10:03:00Z,\"event e3\"\r\ne2,2026-11-23T10:02:00Z,\"event e2\"\r\n"
                + "e1,2026-11-23T10:01:00Z,\"event e1\"\r\n");
        try (var files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("events.csv");
        }
    }

    @Test
    void resumeRefusesAnotherReportOrNoCheckpoint() throws Exception {
        GrowingReports grow = new GrowingReports().event("e1", "2026-11-23T10:01:00Z")
                .event("e2", "2026-11-23T10:02:00Z").event("e3", "2026-11-23T10:03:00Z");
        grow.failOn(call -> call.equals("events:2"));
        Path out = work.resolve("r.csv");
        Reports2 source = new Reports2(grow);
        assertThatThrownBy(() -> job(source, "events", Optional.empty(), Optional.empty()).toFile(out, false))
                .isInstanceOf(ConnectorException.class);

        assertThatThrownBy(() -> job(source, "issues", Optional.empty(), Optional.empty()).toFile(out, true))
                .isInstanceOf(ResumeException.class).hasMessage("the checkpoint r.csv.checkpoint.json is for report"
                        + " 'events' of plugin 'grow', not report 'issues' of plugin 'grow'; run without --resume to"
                        + " start over");
        assertThatThrownBy(() -> job(source, "events", plan(IncrementalState.initial()), Optional.empty())
                .toFile(out, true)).isInstanceOf(ResumeException.class).hasMessage("the configuration, parameters or"
                + " output options differ from the ones the checkpoint r.csv.checkpoint.json was taken with; resume"
                + " with the same ones; run without --resume to start over");
        Path other = work.resolve("other.csv");
        assertThatThrownBy(() -> job(source, "events", Optional.empty(), Optional.empty()).toFile(other, true))
                .isInstanceOf(ResumeException.class).hasMessageStartingWith("there is no checkpoint "
                        + ReportCheckpoint.besides(other) + " to resume from");
    }

    @Test
    void aSecondRunReadsFromTheCursorMinusTheLookbackAndGivesOnlyNewRowsIncludingLateOnes() throws Exception {
        GrowingReports grow = new GrowingReports().event("e1", "2026-11-23T10:01:00Z")
                .event("e2", "2026-11-23T10:02:00Z").event("e3", "2026-11-23T10:03:00Z");
        Reports2 source = new Reports2(grow);
        List<ReportJob.Outcome> outcomes = new ArrayList<>();

        String first = csv(source, "events", plan(IncrementalState.initial()), outcomes);
        IncrementalState after1 = outcomes.get(0).state().orElseThrow();

        assertThat(first.lines()).hasSize(4);
        assertThat(grow.calls()).containsExactly("events:-", "events:2");
        assertThat(after1.cursor()).contains(Instant.parse("2026-11-23T10:03:00Z"));

        // a new event, and a late one: dated before the cursor but inside the lookback, arriving after run 1
        grow.event("e4", "2026-11-23T10:04:00Z").event("late", "2026-11-23T10:00:30Z");
        grow.clearCalls();
        String second = csv(source, "events", plan(after1), outcomes);

        assertThat(grow.calls()).containsExactly("events:- from 2026-11-23T09:58:00Z",
                "events:2 from 2026-11-23T09:58:00Z", "events:4 from 2026-11-23T09:58:00Z");
        assertThat(second).isEqualTo("id,at,title\r\ne4,2026-11-23T10:04:00Z,\"event e4\"\r\n"
                + "late,2026-11-23T10:00:30Z,\"event late\"\r\n");
        assertThat(outcomes.get(1).rowsRead()).isEqualTo(5);
        assertThat(outcomes.get(1).rowsWritten()).isEqualTo(2);

        // nothing new: nothing written, the cursor stays
        IncrementalState after2 = outcomes.get(1).state().orElseThrow();
        String third = csv(source, "events", plan(after2), outcomes);
        assertThat(third).isEqualTo("id,at,title\r\n");
        assertThat(outcomes.get(2).state().orElseThrow()).isEqualTo(after2);
    }

    @Test
    void rowsThatChangeAreGivenAgainWithTheirNewValuesAndUnchangedOnesAreNot() throws Exception {
        GrowingReports grow = new GrowingReports().issue("1", "2026-11-23T10:00:00Z", 3)
                .issue("2", "2026-11-23T10:10:00Z", 1).issue("3", "2026-11-23T10:12:00Z", 8);
        Reports2 source = new Reports2(grow);
        List<ReportJob.Outcome> outcomes = new ArrayList<>();
        csv(source, "issues", plan(IncrementalState.initial()), outcomes);

        grow.issue("1", "2026-11-23T10:20:00Z", 4);
        String second = csv(source, "issues", plan(outcomes.get(0).state().orElseThrow()), outcomes);

        assertThat(second).isEqualTo("id,lastSeen,count\r\n1,2026-11-23T10:20:00Z,4\r\n");
        assertThat(outcomes.get(1).state().orElseThrow().cursor()).contains(Instant.parse("2026-11-23T10:20:00Z"));
    }

    @Test
    void anInterruptedIncrementalRunResumedLosesAndDuplicatesNothing() throws Exception {
        GrowingReports grow = new GrowingReports();
        for (int i = 1; i <= 6; i++) {
            grow.event("e" + i, "2026-11-23T10:0" + i + ":00Z");
        }
        Reports2 source = new Reports2(grow);
        List<ReportJob.Outcome> outcomes = new ArrayList<>();
        csv(source, "events", plan(IncrementalState.initial()), outcomes);
        IncrementalState saved = outcomes.get(0).state().orElseThrow();
        for (int i = 7; i <= 9; i++) {
            grow.event("e" + i, "2026-11-23T10:0" + i + ":00Z");
        }
        AtomicBoolean broken = new AtomicBoolean(true);
        grow.failOn(call -> call.equals("events:2") && broken.get());
        Path out = work.resolve("new.csv");
        Optional<ReportJob.IncrementalPlan> plan = plan(saved);
        assertThatThrownBy(() -> job(source, "events", plan, Optional.empty()).toFile(out, false))
                .isInstanceOf(ConnectorException.class);

        broken.set(false);
        ReportJob.Outcome resumed = job(source, "events", plan, Optional.empty()).toFile(out, true);

        assertThat(out).hasContent("id,at,title\r\ne9,2026-11-23T10:09:00Z,\"event e9\"\r\n"
                + "e8,2026-11-23T10:08:00Z,\"event e8\"\r\ne7,2026-11-23T10:07:00Z,\"event e7\"\r\n");
        assertThat(resumed.state().orElseThrow().cursor()).contains(Instant.parse("2026-11-23T10:09:00Z"));
        assertThat(resumed.state().orElseThrow().boundary().keySet())
                .containsExactlyInAnyOrder("[\"e9\"]", "[\"e8\"]", "[\"e7\"]", "[\"e6\"]", "[\"e5\"]", "[\"e4\"]");
    }

    @Test
    void everyMergedRowReachesTheTableOncePerRunAndACursorOlderThanRetentionStartsAtRetention() throws Exception {
        GrowingReports grow = new GrowingReports().event("e1", "2026-11-23T10:01:00Z")
                .event("e2", "2026-11-23T10:02:00Z").event("e3", "2026-11-23T10:03:00Z");
        List<List<Object>> merged = new ArrayList<>();
        job(new Reports2(grow), "events", plan(IncrementalState.initial()), Optional.of(merged::addAll))
                .toWriter(Optional.empty());
        assertThat(merged).extracting(r -> r.get(0)).containsExactly("e3", "e2", "e1");

        IncrementalState old = new IncrementalState(Optional.of(Instant.parse("2026-06-01T00:00:00Z")), Map.of());
        assertThat(IncrementalMerge.lowerBound(old, LOOKBACK, Optional.of(Duration.ofDays(90)), NOW))
                .contains(NOW.minus(Duration.ofDays(90)));
        assertThat(IncrementalMerge.lowerBound(old, LOOKBACK, Optional.empty(), NOW))
                .contains(Instant.parse("2026-05-31T23:55:00Z"));
        assertThat(IncrementalState.fromJson(old.toJson())).isEqualTo(old);
    }
}
