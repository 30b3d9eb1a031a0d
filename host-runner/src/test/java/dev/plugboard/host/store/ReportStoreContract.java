package dev.plugboard.host.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Report cursors and report tables through {@link ReportStore}, whatever the engine: each engine's class extends it. */
abstract class ReportStoreContract {
    static final List<Column> COLUMNS = List.of(Column.of("projectId", ColumnType.STRING),
            Column.of("id", ColumnType.STRING), Column.of("dateCreated", ColumnType.TIMESTAMP),
            Column.of("count", ColumnType.INTEGER), Column.of("isUnhandled", ColumnType.BOOLEAN),
            Column.of("score", ColumnType.NUMBER), Column.of("tags", ColumnType.JSON),
            Column.of("user", ColumnType.STRING));
    static final List<String> KEY = List.of("projectId", "id");
    static final Map<String, Object> ALL = Map.of("projects", List.of("all"), "daysBack", 90);
    Store store;
    StoredConnection acme;

    abstract StoreLocation newLocation() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = StoreOpener.open(newLocation(), "test");
        acme = store.connect("sentry", Map.of("organization", "acme"), Optional.of("acme"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static List<Object> row(String project, String id, String at, long count, Boolean unhandled) {
        return Arrays.asList(project, id, Instant.parse(at), count, unhandled, 1.5, "{\"k\":\"v\"}", "ann");
    }

    List<String> query(String sql) {
        List<String> lines = new ArrayList<>();
        StoreQuery.run(store.location(), sql, new StoreQuery.Sink() {
            @Override
            public void columns(List<String> columns) {
                lines.add(String.join("|", columns));
            }

            @Override
            public void row(List<Object> values) {
                lines.add(String.join("|", values.stream().map(String::valueOf).toList()));
            }
        });
        return lines;
    }

    @Test
    void rowsAreMergedByPrimaryKeySoARerunNeverDuplicatesAndAChangedRowIsUpdated() {
        ReportStore.ReportTable table = store.reports().table(acme, "project-issues", COLUMNS, KEY);
        assertThat(table.name()).isEqualTo("report_acme_project_issues");

        table.merge(List.of(row("1", "10", "2026-11-23T10:00:00.5Z", 3, true),
                row("1", "11", "2026-11-23T10:00:00Z", 1, null), row("2", "10", "2026-11-23T09:59:59.999999Z", 7,
                        false)));
        table.merge(List.of(row("1", "10", "2026-11-23T11:00:00Z", 4, true), row("2", "10",
                "2026-11-23T09:59:59.999999Z", 7, false)));

        assertThat(query("SELECT project_id, id, count, \"user\" FROM report_acme_project_issues ORDER BY date_created"))
                .containsExactly("project_id|id|count|user", "2|10|7|ann", "1|11|1|ann", "1|10|4|ann");
        assertThat(query("SELECT id FROM report_acme_project_issues WHERE is_unhandled")).containsExactly("id", "10");
        assertThat(query("SELECT project_id, SUM(count) AS events, SUM(score) AS score FROM report_acme_project_issues"
                + " GROUP BY project_id ORDER BY project_id")).containsExactly("project_id|events|score", "1|5|3.0",
                "2|7|1.5");
    }

    @Test
    void aTableGainsTheColumnsAReportAddsAndRefusesAnotherKeyOrType() {
        store.reports().table(acme, "project-issues", COLUMNS.subList(0, 3), KEY)
                .merge(List.of(Arrays.asList("1", "10", Instant.parse("2026-11-23T10:00:00Z"))));
        store.reports().table(acme, "project-issues", COLUMNS, KEY)
                .merge(List.of(row("1", "11", "2026-11-23T10:05:00Z", 2, true)));

        assertThat(query("SELECT id, count FROM report_acme_project_issues ORDER BY id"))
                .containsExactly("id|count", "10|null", "11|2");
        assertThatThrownBy(() -> store.reports().table(acme, "project-issues", COLUMNS, List.of("id")))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("the table report_acme_project_issues was"
                        + " made with primary key (project_id, id), but report project-issues now has (id): it cannot"
                        + " take the new rows.");
        List<Column> retyped = new ArrayList<>(COLUMNS);
        retyped.set(3, Column.of("count", ColumnType.STRING));
        assertThatThrownBy(() -> store.reports().table(acme, "project-issues", retyped, KEY))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("the table report_acme_project_issues was"
                        + " made with column count of type INTEGER, but report project-issues now has type STRING");
    }

    @Test
    void aRowWithoutItsKeyIsRefusedAndNothingOfItsPageIsStored() {
        ReportStore.ReportTable table = store.reports().table(acme, "project-issues", COLUMNS, KEY);

        assertThatThrownBy(() -> table.merge(List.of(row("1", "10", "2026-11-23T10:00:00Z", 1, true),
                row("1", null, "2026-11-23T10:00:00Z", 1, true)))).isInstanceOf(StoreException.class)
                .hasMessage("a row of the report has no value for id, part of its primary key (project_id, id): it"
                        + " cannot be merged into report_acme_project_issues");
        assertThat(query("SELECT COUNT(*) AS n FROM report_acme_project_issues")).containsExactly("n", "0");
    }

    @Test
    void tableNamesThatWouldCollideOrBeCutAreRefused() {
        store.reports().table(acme, "project-events", COLUMNS, KEY);
        StoredConnection dashed = store.connect("sentry", Map.of("organization", "a"), Optional.of("a-cme"));
        StoredConnection underscored = store.connect("sentry", Map.of("organization", "b"), Optional.of("a_cme"));
        store.reports().table(dashed, "project-events", COLUMNS, KEY);

        assertThatThrownBy(() -> store.reports().table(underscored, "project-events", COLUMNS, KEY))
                .isInstanceOf(StoreException.class).hasMessage("the table report_a_cme_project_events already holds"
                        + " report project-events of another connection whose name reads the same in SQL; give this"
                        + " connection another name with --connection");
        StoredConnection longName = store.connect("sentry", Map.of("organization", "c"),
                Optional.of("a-connection-name-that-is-much-too-long-for-it"));
        assertThatThrownBy(() -> store.reports().table(longName, "event-counts-project", COLUMNS, KEY))
                .isInstanceOf(StoreException.class).hasMessage("the table for report event-counts-project of"
                        + " connection 'a-connection-name-that-is-much-too-long-for-it' would be named"
                        + " report_a_connection_name_that_is_much_too_long_for_it_event_counts_project, longer than"
                        + " the 63 characters PostgreSQL keeps; give the connection a shorter name with --connection");
        assertThat(JdbcReportStore.columnName("dateCreated")).isEqualTo("date_created");
        assertThat(JdbcReportStore.columnName("eventID")).isEqualTo("event_id");
        assertThat(JdbcReportStore.columnName("userIPAddress")).isEqualTo("user_ip_address");
    }

    @Test
    void aCursorIsKeptPerConnectionReportParametersAndTarget() {
        ReportStore reports = store.reports();
        StoredConnection other = store.connect("sentry", Map.of("organization", "other"), Optional.of("other"));
        assertThat(reports.cursor(acme, "project-events", ALL, ReportStore.Target.TABLE)).isEmpty();

        reports.saveCursor(acme, "project-events", ALL, ReportStore.Target.TABLE, run("2026-11-23T10:00:00Z", "a"));
        reports.saveCursor(acme, "project-events", Map.of("projects", List.of("web")), ReportStore.Target.TABLE,
                run("2026-11-23T11:00:00Z", "b"));
        reports.saveCursor(acme, "project-events", Map.of("daysBack", 90, "projects", List.of("all")),
                ReportStore.Target.TABLE, run("2026-11-23T12:00:00.123456Z", "c"));

        Optional<ReportStore.SavedCursor> saved = reports.cursor(acme, "project-events", ALL, ReportStore.Target.TABLE);
        assertThat(saved.map(ReportStore.SavedCursor::state)).contains("c");
        assertThat(saved.flatMap(ReportStore.SavedCursor::cursor)).contains(Instant.parse("2026-11-23T12:00:00.123456Z"));
        assertThat(saved.map(ReportStore.SavedCursor::runs)).contains(2L);
        assertThat(reports.cursor(acme, "project-events", Map.of("projects", List.of("web")), ReportStore.Target.TABLE)
                .map(ReportStore.SavedCursor::state)).contains("b");
        assertThat(reports.cursor(acme, "project-events", ALL, ReportStore.Target.OUTPUT)).isEmpty();
        assertThat(reports.cursor(other, "project-events", ALL, ReportStore.Target.TABLE)).isEmpty();
        assertThat(reports.cursor(acme, "project-issues", ALL, ReportStore.Target.TABLE)).isEmpty();
        assertThat(query("SELECT parameters, cursor_value, runs FROM report_cursors ORDER BY parameters"))
                .containsExactly("parameters|cursor_value|runs",
                        "{\"daysBack\":90,\"projects\":[\"all\"]}|2026-11-23T12:00:00.123456Z|2",
                        "{\"projects\":[\"web\"]}|2026-11-23T11:00:00.000000Z|1");
    }

    private static ReportStore.CompletedRun run(String cursor, String state) {
        return new ReportStore.CompletedRun(Optional.of(Instant.parse(cursor)), state, 10, 2,
                Instant.parse("2026-11-23T13:00:00Z"));
    }
}
