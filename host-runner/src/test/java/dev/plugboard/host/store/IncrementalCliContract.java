package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.cli.CliRun;
import dev.plugboard.host.plugin.FixtureJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard report --incremental --into store} through the CLI, against a plugin whose data file a test grows
 * between runs: no row is lost or stored twice across runs (late rows inside the lookback, a failed run, an
 * interrupted run resumed, rows that change), with the exact summaries, files and plugin calls. Each engine's class
 * extends this with its own {@code --store}.
 */
abstract class IncrementalCliContract {
    @TempDir
    Path work;
    Path plugins;
    Path data;
    Path log;
    Path marker;
    Path config;
    String store;
    Instant now;

    /** @return a new, empty store: a file path or a PostgreSQL URL */
    abstract String newStore() throws Exception;

    @BeforeEach
    void install() throws Exception {
        plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = new FixtureJars(Files.createDirectories(work.resolve("build"))).jar("growing.jar")
                .classes(GrowingFileProvider.class).service(GrowingFileProvider.class.getName()).build();
        Files.move(jar, plugins.resolve("growing.jar"));
        data = Files.writeString(work.resolve("data.txt"), "");
        log = work.resolve("calls.log");
        marker = work.resolve("failing");
        config = Files.writeString(work.resolve("c.json"), "{\"dataFile\": \"" + data + "\", \"log\": \"" + log
                + "\", \"failOn\": \"events:2\", \"failWhile\": \"" + marker + "\"}");
        store = newStore();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** @return now minus that many minutes */
    Instant ago(long minutes) {
        return now.minus(Duration.ofMinutes(minutes));
    }

    void add(String... lines) throws Exception {
        Files.writeString(data, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
    }

    String event(String id, long minutesAgo) {
        return "event " + id + " " + ago(minutesAgo) + " title-" + id;
    }

    CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of("--plugins", plugins.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--store", store));
        return CliRun.of(all.toArray(String[]::new));
    }

    CliRun report(String report, String... extra) {
        List<String> args = new ArrayList<>(List.of("report", "growing", report, "--config", config.toString(),
                "--incremental", "--into", "store", "--connection", "acme"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    String query(String sql) {
        CliRun q = run("store", "query", sql, "--format", "csv");
        assertThat(q.err()).isEmpty();
        assertThat(q.exitCode()).isZero();
        return q.out();
    }

    List<String> calls() throws Exception {
        List<String> lines = Files.readAllLines(log);
        Files.delete(log);
        return lines;
    }

    String csvRow(String id, long minutesAgo) {
        return id + "," + ago(minutesAgo) + ",title-" + id + "\r\n";
    }

    @Test
    void theFirstRunReadsTheWholeWindowAndTheNextOnlyNewRowsAndLateOnesInsideTheLookback() throws Exception {
        add(event("e1", 60), event("e2", 50), event("e3", 40), event("e4", 30), event("e5", 20));
        Path out1 = work.resolve("first.csv");

        CliRun first = report("events", "--out", out1.toString());

        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEqualTo("wrote 5 rows of report events to " + out1 + "\nreport events of connection"
                + " acme: read 5 rows (3 pages) (first run: the whole window), 5 new or changed; merged into table"
                + " report_acme_events; cursor now " + ago(20) + "\n");
        assertThat(calls()).containsExactly("events:-", "events:2", "events:4");
        assertThat(out1).hasContent("id,at,title\r\n" + csvRow("e5", 20) + csvRow("e4", 30) + csvRow("e3", 40)
                + csvRow("e2", 50) + csvRow("e1", 60));

        // two new events, and one that arrives late, dated 5 minutes before the cursor (inside the 10m lookback)
        add(event("e6", 5), event("e7", 10), event("e8", 25));
        Path out2 = work.resolve("second.csv");
        CliRun second = report("events", "--out", out2.toString());

        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).isEqualTo("wrote 3 rows of report events to " + out2 + "\nreport events of"
                + " connection acme: read 5 rows (3 pages) from " + ago(30) + " (cursor " + ago(20) + " minus the 10m"
                + " lookback), 3 new or changed; merged into table report_acme_events; cursor now " + ago(5) + "\n");
        String from = " from " + ago(30);
        assertThat(calls()).containsExactly("events:-" + from, "events:2" + from, "events:4" + from);
        assertThat(out2).hasContent("id,at,title\r\n" + csvRow("e6", 5) + csvRow("e7", 10) + csvRow("e8", 25));
        assertThat(query("SELECT id FROM report_acme_events ORDER BY at"))
                .isEqualTo("id\r\ne1\r\ne2\r\ne3\r\ne4\r\ne8\r\ne5\r\ne7\r\ne6\r\n");

        Path out3 = work.resolve("third.csv");
        CliRun third = report("events", "--out", out3.toString());

        assertThat(third.err()).isEqualTo("wrote 0 rows of report events to " + out3 + "\nreport events of"
                + " connection acme: read 2 rows (1 page) from " + ago(15) + " (cursor " + ago(5) + " minus the 10m"
                + " lookback), 0 new or changed; merged into table report_acme_events; cursor now " + ago(5) + "\n");
        assertThat(out3).hasContent("id,at,title\r\n");
        assertThat(query("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM report_acme_events"))
                .isEqualTo("n,ids\r\n8,8\r\n");
        assertThat(query("SELECT report, runs, rows_read, rows_new FROM report_cursors"))
                .isEqualTo("report,runs,rows_read,rows_new\r\nevents,3,2,0\r\n");
    }

    @Test
    void issuesThatChangeAreUpdatedInTheTableNeverDuplicated() throws Exception {
        add("issue i1 " + ago(50) + " 3", "issue i2 " + ago(40) + " 1", "issue i3 " + ago(30) + " 7");
        CliRun first = report("issues");
        assertThat(first.out()).isEmpty();
        assertThat(first.err()).isEqualTo("report issues of connection acme: read 3 rows (2 pages) (first run: the"
                + " whole window), 3 new or changed; merged into table report_acme_issues; cursor now " + ago(30)
                + "\n");

        add("issue i2 " + ago(2) + " 2", "issue i4 " + ago(3) + " 1");
        Files.writeString(data, Files.readString(data).replace("issue i2 " + ago(40) + " 1\n", ""));
        Path out = work.resolve("issues.jsonl");
        CliRun second = report("issues", "--format", "jsonl", "--out", out.toString());

        assertThat(second.exitCode()).isZero();
        assertThat(second.err()).isEqualTo("wrote 2 rows of report issues to " + out + "\nreport issues of connection"
                + " acme: read 3 rows (2 pages) from " + ago(40) + " (cursor " + ago(30) + " minus the 10m lookback),"
                + " 2 new or changed; merged into table report_acme_issues; cursor now " + ago(2) + "\n");
        String i2 = "{\"id\":\"i2\",\"lastSeen\":\"" + ago(2) + "\",\"count\":2}\n";
        String i4 = "{\"id\":\"i4\",\"lastSeen\":\"" + ago(3) + "\",\"count\":1}\n";
        assertThat(out).hasContent(i2 + i4);
        assertThat(query("SELECT id, count FROM report_acme_issues ORDER BY id"))
                .isEqualTo("id,count\r\ni1,3\r\ni2,2\r\ni3,7\r\ni4,1\r\n");

        // runs that feed only files or stdout keep their own cursor: their first run reads the whole window
        CliRun toStdout = run("report", "growing", "issues", "--config", config.toString(), "--incremental",
                "--connection", "acme", "--format", "jsonl");

        assertThat(toStdout.out()).isEqualTo(i2 + i4 + "{\"id\":\"i3\",\"lastSeen\":\"" + ago(30)
                + "\",\"count\":7}\n{\"id\":\"i1\",\"lastSeen\":\"" + ago(50) + "\",\"count\":3}\n");
        assertThat(toStdout.err()).isEqualTo("report issues of connection acme: read 4 rows (2 pages) (first run: the"
                + " whole window), 4 new or changed; cursor now " + ago(2) + "\n");
        assertThat(query("SELECT target, runs FROM report_cursors ORDER BY target"))
                .isEqualTo("target,runs\r\noutput,1\r\ntable,2\r\n");
    }

    @Test
    void aRunThatFailsHalfWayMovesNoCursorAndTheNextRunLosesNothing() throws Exception {
        add(event("e1", 40), event("e2", 30), event("e3", 20), event("e4", 10));
        assertThat(report("events", "-q").exitCode()).isZero();
        add(event("e5", 8), event("e6", 6), event("e7", 4));
        Files.createFile(marker);
        calls();

        CliRun failed = report("events");

        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.err()).isEqualTo("plugboard: plugin 'growing' failed running report 'events': denied"
                + " events:2\nThe rows read so far are merged into table report_acme_events; the cursor did not move,"
                + " so the next run reads them again (no row is stored twice).\n");
        assertThat(query("SELECT runs, cursor_value IS NULL AS no_cursor FROM report_cursors").lines().skip(1)
                .findFirst().orElseThrow()).startsWith("1,");

        Files.delete(marker);
        Path out = work.resolve("after.csv");
        CliRun next = report("events", "--out", out.toString());

        assertThat(next.err()).isEqualTo("wrote 3 rows of report events to " + out + "\nreport events of connection"
                + " acme: read 5 rows (3 pages) from " + ago(20) + " (cursor " + ago(10) + " minus the 10m lookback),"
                + " 3 new or changed; merged into table report_acme_events; cursor now " + ago(4) + "\n");
        assertThat(out).hasContent("id,at,title\r\n" + csvRow("e7", 4) + csvRow("e6", 6) + csvRow("e5", 8));
        assertThat(query("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM report_acme_events"))
                .isEqualTo("n,ids\r\n7,7\r\n");
    }

    @Test
    void anInterruptedRunResumedFromItsCheckpointLosesAndRepeatsNothing() throws Exception {
        add(event("e1", 30), event("e2", 20), event("e3", 10));
        assertThat(report("events", "-q").exitCode()).isZero();
        add(event("e4", 8), event("e5", 6), event("e6", 4), event("e7", 2));
        Files.createFile(marker);
        calls();
        Path out = work.resolve("new.csv");

        CliRun failed = report("events", "--out", out.toString());

        assertThat(failed.exitCode()).isEqualTo(4);
        assertThat(failed.err()).isEqualTo("plugboard: plugin 'growing' failed running report 'events': denied"
                + " events:2\nThe rows read so far are merged into table report_acme_events; the cursor did not move,"
                + " so the next run reads them again (no row is stored twice).\nThe report so far (2 rows, 1 page) is"
                + " kept in " + out + ".partial; run the same command with --resume to continue it once the cause is"
                + " fixed (a new token is fine; other changed settings must start afresh: run without --resume).\n");

        Files.delete(marker);
        CliRun resumed = report("events", "--out", out.toString(), "--resume");

        assertThat(resumed.exitCode()).isZero();
        assertThat(resumed.err()).isEqualTo("wrote 4 rows of report events to " + out + " (resumed; 3 pages in all)\n"
                + "report events of connection acme: read 6 rows (3 pages) from " + ago(20) + " (cursor " + ago(10)
                + " minus the 10m lookback), 4 new or changed; merged into table report_acme_events; cursor now "
                + ago(2) + "\n");
        String from = " from " + ago(20);
        assertThat(calls()).containsExactly("events:-" + from, "events:2" + from, "events:2" + from,
                "events:4" + from);
        assertThat(out).hasContent("id,at,title\r\n" + csvRow("e7", 2) + csvRow("e6", 4) + csvRow("e5", 6)
                + csvRow("e4", 8));
        assertThat(query("SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS ids FROM report_acme_events"))
                .isEqualTo("n,ids\r\n7,7\r\n");
    }

    @Test
    void parametersThatDifferKeepTheirOwnCursor() throws Exception {
        add(event("a1", 30), event("b1", 25), event("a2", 20), event("b2", 15));

        CliRun a = report("events", "--param", "prefix=a");
        CliRun b = report("events", "--param", "prefix=b");
        CliRun againA = report("events", "--param", "prefix=a");

        assertThat(a.err()).contains("read 2 rows (1 page) (first run: the whole window), 2 new or changed")
                .endsWith("cursor now " + ago(20) + "\n");
        assertThat(b.err()).contains("read 2 rows (1 page) (first run: the whole window), 2 new or changed")
                .endsWith("cursor now " + ago(15) + "\n");
        assertThat(againA.err()).contains("read 2 rows (1 page) from " + ago(30) + " (cursor " + ago(20));
        assertThat(query("SELECT report, parameters, runs FROM report_cursors ORDER BY parameters"))
                .isEqualTo("report,parameters,runs\r\nevents,\"{\"\"prefix\"\":\"\"a\"\"}\",2\r\n"
                        + "events,\"{\"\"prefix\"\":\"\"b\"\"}\",1\r\n");
        assertThat(query("SELECT id FROM report_acme_events ORDER BY id")).isEqualTo("id\r\na1\r\na2\r\nb1\r\nb2\r\n");
    }

    @Test
    void aCursorOlderThanTheRetentionIsAWarningAndTheRunReadsWhatIsLeft() throws Exception {
        add("event old " + now.minus(Duration.ofDays(95)) + " title-old");
        assertThat(report("events", "-q").exitCode()).isZero();

        CliRun later = report("events", "-q");

        assertThat(later.exitCode()).isZero();
        assertThat(later.err()).matches("warning: the cursor of report events of connection acme is \\Q"
                + now.minus(Duration.ofDays(95)) + "\\E, older than the 90 days the source keeps: the rows between it"
                + " and (\\S+) are gone; reading what is still there, from \\1\n");
    }

    @Test
    void aLookbackLongerThanTheLastRunsWritesTheRowsBetweenAgainAndSaysSo() throws Exception {
        add(event("e1", 60), event("e2", 30), event("e3", 5));
        assertThat(report("events", "-q").exitCode()).isZero();
        Path out = work.resolve("longer.csv");

        CliRun longer = report("events", "--lookback", "1h", "--out", out.toString(), "-q");

        assertThat(longer.exitCode()).isZero();
        assertThat(longer.err()).isEqualTo("warning: --lookback 1h is longer than the 10m the last run of report"
                + " events of connection acme used: the rows between the two that it delivered are written again"
                + " (keep one --lookback per report)\n");
        assertThat(out).hasContent("id,at,title\r\n" + csvRow("e2", 30) + csvRow("e1", 60));
        assertThat(query("SELECT COUNT(*) AS n FROM report_acme_events")).isEqualTo("n\r\n3\r\n");
    }

    @Test
    void whatCannotBeDoneIsRefusedSayingWhatToDo() throws Exception {
        add(event("e1", 10));
        assertThat(report("plain").err()).isEqualTo("plugboard: report plain is a full refresh report: it declares no"
                + " cursor and no primary key ('plugboard reports' says which reports are incremental), so it can be"
                + " run only in full: drop --incremental\n");
        CliRun into = run("report", "growing", "plain", "--config", config.toString(), "--into", "store");
        assertThat(into.exitCode()).isEqualTo(2);
        assertThat(into.err()).isEqualTo("plugboard: report plain is a full refresh report: it declares no cursor and"
                + " no primary key ('plugboard reports' says which reports are incremental), so it can be run but not"
                + " merged into a table: drop --into store and write it with --out FILE\n");
        assertThat(run("report", "growing", "events", "--config", config.toString(), "--into", "file").err())
                .isEqualTo("plugboard: --into file: the only place rows can go into is the store (--into store); to"
                        + " write a file, use --out FILE\n");
        assertThat(run("report", "growing", "events", "--config", config.toString(), "--lookback", "1h").err())
                .isEqualTo("plugboard: --lookback is for --incremental runs: add --incremental, or drop --lookback\n");
        assertThat(report("events", "--lookback", "soon").err())
                .isEqualTo("plugboard: --lookback soon: write a duration such as 30s, 10m, 2h or 1d\n");

        assertThat(report("events", "-q").exitCode()).isZero();
        add("keyTitle");
        CliRun changed = report("events");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).isEqualTo("plugboard: the table report_acme_events was made with primary key (id),"
                + " but report events now has (id, title): it cannot take the new rows. Keep the old table under"
                + " another name (ALTER TABLE report_acme_events RENAME TO report_acme_events_old;) or drop it (DROP"
                + " TABLE report_acme_events;), then DELETE FROM report_tables WHERE table_name ="
                + " 'report_acme_events'; and run the report once without --incremental, with --into store, to fill"
                + " the new table\n");

        CliRun write = run("store", "query", "DELETE FROM report_cursors");
        assertThat(write.exitCode()).isEqualTo(2);
        assertThat(write.err()).startsWith("plugboard: store query only reads (SELECT, WITH ... SELECT): the store"
                + " refused a statement that writes (");
        assertThat(query("SELECT COUNT(*) AS n FROM report_cursors")).isEqualTo("n\r\n1\r\n");
    }
}
