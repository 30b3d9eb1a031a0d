package dev.plugboard.host.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.runtime.Delayer;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.runtime.RetryPolicy;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportRunnerTest {

    private static String run(FakeReports reports, TableWriter.Format format) throws Exception {
        return run(reports, format, Retrier.none());
    }

    private static String run(FakeReports reports, TableWriter.Format format, Retrier retrier) throws Exception {
        ReportRunner runner = new ReportRunner("fake", reports, retrier);
        ReportDefinition members = runner.definition("members");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TableWriter writer = TableWriter.open(format, out, members.columns().stream().map(Column::name).toList(),
                members.columns().stream().filter(c -> c.type() == ColumnType.JSON).map(Column::name)
                        .collect(Collectors.toSet()))) {
            runner.run(members, Map.of("limit", 10), writer);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesCsvWithAHeaderQuotedCellsIsoTimestampsAndJsonText() throws Exception {
        assertThat(run(FakeReports.standard(), TableWriter.Format.CSV)).isEqualTo(
                "id,name,active,joined,score,tags\r\n"
                        + "1,\"Ada Lovelace\",true,2024-01-02T03:04:05Z,1.5,\"{\"\"teams\"\":[\"\"core\"\"]}\"\r\n"
                        + "2,\"Bob, \"\"the builder\"\"\",false,2024-02-03T04:05:06.789Z,2,[]\r\n"
                        + "3,\"Multi\nline\",,,,\r\n"
                        + "4,Émile,true,2024-03-04T05:06:07Z,0.10,{}\r\n");
    }

    @Test
    void writesJsonLinesWithJsonColumnsEmbedded() throws Exception {
        assertThat(run(FakeReports.standard(), TableWriter.Format.JSONL)).isEqualTo("""
                {"id":1,"name":"Ada Lovelace","active":true,"joined":"2024-01-02T03:04:05Z","score":1.5,"tags":{"teams":["core"]}}
                {"id":2,"name":"Bob, \\"the builder\\"","active":false,"joined":"2024-02-03T04:05:06.789Z","score":2,"tags":[]}
                {"id":3,"name":"Multi\\nline","active":null,"joined":null,"score":null,"tags":null}
                {"id":4,"name":"Émile","active":true,"joined":"2024-03-04T05:06:07Z","score":0.10,"tags":{}}
                """);
    }

    @Test
    void readsEveryPageOnceInOrder() throws Exception {
        FakeReports reports = FakeReports.standard();

        run(reports, TableWriter.Format.CSV);

        assertThat(reports.calls()).containsExactly("members - {limit=10}", "members 2 {limit=10}");
    }

    @Test
    void aCellOfTheWrongTypeIsAnInternalErrorNamingRowColumnAndTypes() {
        FakeReports reports = FakeReports.standard().row(5L, "Eve", "yes", null, null, null);

        assertThatThrownBy(() -> run(reports, TableWriter.Format.CSV))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessage("plugin 'fake' report 'members' row 5 column 'active': expected BOOLEAN, got String"
                        + " (a bug in the plugin)");
    }

    @Test
    void missingUndeclaredAndNonJsonCellsAreInternalErrors() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("id", 1L);
        odd.put("nickname", "x");
        assertThatThrownBy(() -> run(new FakeReports().rawRow(odd), TableWriter.Format.JSONL))
                .hasMessage("plugin 'fake' report 'members' row 1 does not have the declared columns; missing: name,"
                        + " active, joined, score, tags; undeclared: nickname (a bug in the plugin)");
        assertThatThrownBy(() -> run(new FakeReports().row(1L, "a", true, null, 1, "{nope"), TableWriter.Format.CSV))
                .hasMessage("plugin 'fake' report 'members' row 1 column 'tags': expected JSON text, got text that is"
                        + " not JSON (a bug in the plugin)");
    }

    @Test
    void aPageTokenThatRepeatsStopsTheReport() {
        FakeReports reports = FakeReports.standard().override(t -> t.equals(Optional.of("2"))
                ? Optional.of(CompletableFuture.completedFuture(Page.of(List.of(), "2"))) : Optional.empty());

        assertThatThrownBy(() -> run(reports, TableWriter.Format.CSV))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
                .hasMessage("plugin 'fake' answered a page token of report 'members' that it had answered before,"
                        + " after row 2: the report would never end (a bug in the plugin)");
    }

    @Test
    void unavailableIsRetriedAndOtherFailuresKeepTheirKind() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        FakeReports flaky = FakeReports.standard().override(t -> t.equals(Optional.of("2"))
                && failures.getAndIncrement() < 2
                ? Optional.of(CompletableFuture.failedFuture(new ConnectorException(ErrorKind.UNAVAILABLE, "502")))
                : Optional.empty());
        Retrier retrier = new Retrier(RetryPolicy.defaults(), d -> CompletableFuture.completedFuture(null), () -> 0,
                (w, a, d, c) -> { });

        String out = run(flaky, TableWriter.Format.CSV, retrier);

        assertThat(out.lines().count()).isEqualTo(6);
        assertThat(flaky.calls()).hasSize(4);
        FakeReports denied = FakeReports.standard().override(t -> Optional.of(CompletableFuture.failedFuture(
                new ConnectorException(ErrorKind.PERMISSION, "needs event:read"))));
        assertThatThrownBy(() -> run(denied, TableWriter.Format.CSV, retrier))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION))
                .hasMessage("plugin 'fake' failed running report 'members': needs event:read");
        assertThat(Delayer.system()).isNotNull();
    }

    @Test
    void anUnknownReportIsRefusedListingTheIds() {
        assertThatThrownBy(() -> new ReportRunner("fake", FakeReports.standard(), Retrier.none()).definition("memebrs"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin 'fake' has no report 'memebrs'; its reports: members, teams");
    }

    /** @return {@code --param} values as picocli hands them over: names and values in the order given */
    private static Map<String, String> params(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void parametersAreParsedPerTheSchemaTypesAndValidated() throws Exception {
        ReportDefinition members = FakeReports.standard().definitions().get(0);

        Map<String, Object> params = ReportParameters.resolve(members, Optional.empty(),
                params("limit", "5", "active", "true", "teams", "core, web", "ratio", "0.5", "name", "a"));

        assertThat(new ObjectMapper().writeValueAsString(params))
                .isEqualTo("{\"limit\":5,\"active\":true,\"teams\":[\"core\",\"web\"],\"ratio\":0.5,\"name\":\"a\"}");
        Map<String, Object> fromFile = ReportParameters.resolve(members,
                Optional.of(new ObjectMapper().readTree("{\"limit\":3,\"teams\":[\"x\"]}")), params("limit", "4"));
        assertThat(fromFile).isEqualTo(Map.of("limit", 4, "teams", List.of("x")));
    }

    @Test
    void invalidParametersAreListedWithPointersBeforeAnyCall() {
        ReportDefinition members = FakeReports.standard().definitions().get(0);

        assertThatThrownBy(() -> ReportParameters.resolve(members, Optional.empty(), params("limit", "0", "colour", "red")))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.errors())
                        .extracting(dev.plugboard.host.config.SchemaError::pointer)
                        .containsExactlyInAnyOrder("/colour", "/limit"))
                .hasMessageStartingWith("the parameters of report 'members' are not valid (2 errors):\n");
        assertThatThrownBy(() -> ReportParameters.resolve(members, Optional.empty(), params("limit", "ten")))
                .isInstanceOf(ParameterException.class)
                .hasMessage("--param limit=ten: limit must be a whole number (most rows)");
        assertThatThrownBy(() -> ReportParameters.resolve(members, Optional.empty(), params("active", "yes", "limit", "1")))
                .hasMessage("--param active=yes: active must be true or false");
        assertThatThrownBy(() -> ReportParameters.resolve(members, Optional.empty(), Map.of()))
                .isInstanceOfSatisfying(ParameterException.class, e -> assertThat(e.errors())
                        .extracting(dev.plugboard.host.config.SchemaError::pointer).containsExactly("/limit"));
    }

    @Test
    void describesParametersForPeople() {
        assertThat(ReportParameters.describe(FakeReports.standard().definitions().get(0))).containsExactly(
                "limit (integer, required): most rows", "active (boolean)", "teams (list of string, comma-separated)",
                "ratio (number)", "name (string, one of a|b)");
        assertThat(Set.of()).isEmpty();
    }
}
