package dev.plugboard.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class IncrementalTest {
    private static final List<Column> EVENT_COLUMNS = List.of(Column.of("eventID", ColumnType.STRING),
            Column.of("projectSlug", ColumnType.STRING), Column.of("dateCreated", ColumnType.TIMESTAMP),
            Column.of("title", ColumnType.STRING));

    @Test
    void theSpi10ConstructorDeclaresAFullRefreshReport() {
        ReportDefinition d = new ReportDefinition("project-events", "Events", "", "{}", EVENT_COLUMNS);
        assertEquals(Optional.empty(), d.incremental());
        assertEquals(d, new ReportDefinition("project-events", "Events", "", "{}", EVENT_COLUMNS, Optional.empty()));
    }

    @Test
    void anIncrementalReportNamesItsCursorKeyAndWhetherRowsChange() {
        Incremental events = Incremental.of("dateCreated", false, "projectSlug", "eventID")
                .withRetention(Duration.ofDays(90));
        ReportDefinition d = new ReportDefinition("project-events", "Events", "", "{}", EVENT_COLUMNS)
                .withIncremental(events);
        assertEquals(Optional.of(new Incremental("dateCreated", List.of("projectSlug", "eventID"), false,
                Optional.of(Duration.ofDays(90)))), d.incremental());
    }

    @Test
    void aDeclarationThatDoesNotFitTheColumnsIsRefusedWithTheColumnNamed() {
        ReportDefinition d = new ReportDefinition("project-events", "Events", "", "{}", EVENT_COLUMNS);
        assertEquals("report project-events's cursor column 'lastSeen' is not one of its columns",
                assertThrows(IllegalArgumentException.class,
                        () -> d.withIncremental(Incremental.of("lastSeen", true, "eventID"))).getMessage());
        assertEquals("report project-events's cursor column 'title' must be a TIMESTAMP column, not STRING",
                assertThrows(IllegalArgumentException.class,
                        () -> d.withIncremental(Incremental.of("title", true, "eventID"))).getMessage());
        assertEquals("report project-events's primary key column 'id' is not one of its columns",
                assertThrows(IllegalArgumentException.class,
                        () -> d.withIncremental(Incremental.of("dateCreated", false, "id"))).getMessage());
        assertEquals("primaryKey must name at least one column", assertThrows(IllegalArgumentException.class,
                () -> Incremental.of("dateCreated", false)).getMessage());
        assertEquals("primaryKey names a column twice: [eventID, eventID]", assertThrows(
                IllegalArgumentException.class, () -> Incremental.of("dateCreated", false, "eventID", "eventID"))
                .getMessage());
        assertEquals("retention must be positive, got PT0S", assertThrows(IllegalArgumentException.class,
                () -> Incremental.of("dateCreated", false, "eventID").withRetention(Duration.ZERO)).getMessage());
    }

    @Test
    void aPluginThatOnlyImplementsRunIsRunInFullWhenAskedIncrementally() {
        CompletionStage<Page<Row>> answer = CompletableFuture.completedFuture(Page.empty());
        Reports spi10 = new Reports() {
            @Override
            public List<ReportDefinition> definitions() {
                return List.of();
            }

            @Override
            public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters,
                                                  Optional<String> pageToken) {
                assertEquals("r", reportId);
                assertEquals(Optional.of("p2"), pageToken);
                return answer;
            }
        };
        assertSame(answer, spi10.runIncremental("r", Map.of(), Instant.EPOCH, Optional.of("p2")));
    }
}
