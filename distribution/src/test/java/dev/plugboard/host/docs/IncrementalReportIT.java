package dev.plugboard.host.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.host.cli.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plugboard report sentry ... --incremental --into store} with the real Sentry plugin jar against the
 * simulator jar (one per class), which grows events between runs: the exact summaries, the exact requests, and no
 * event lost or stored twice.
 */
class IncrementalReportIT {
    private static final Path ROOT = Path.of(System.getProperty("plugboard.root")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process simulator;
    private static JsonNode ready;

    @TempDir
    Path work;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = new ProcessBuilder("java", "-jar", ROOT.resolve("sentry-simulator/target/sentry-simulator.jar")
                .toString(), "--port", "0", "--seed", "5", "--members", "3", "--teams", "1", "--projects", "3",
                "--issues-per-project", "4", "--events-per-issue", "30", "--no-rate-limits")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(simulator.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the simulator's ready line").isNotNull().startsWith("{");
        ready = JSON.readTree(line);
    }

    @AfterAll
    static void stopSimulator() {
        if (simulator != null) {
            simulator.destroy();
        }
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run plugboard(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--plugins", ROOT.resolve("sentry-plugin/target").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run report(String report, Path out, String... extra) throws Exception {
        Path config = work.resolve("sentry.yaml");
        if (!Files.exists(config)) {
            Files.writeString(config, "authToken: " + ready.get("token").asText() + "\norganization: "
                    + ready.get("organization").asText() + "\nbaseUrl: " + ready.get("baseUrl").asText() + "\n");
        }
        List<String> args = new ArrayList<>(List.of("report", "sentry", report, "--config", config.toString(),
                "--param", "projects=all", "--incremental", "--into", "store", "--store",
                work.resolve("store.db").toString(), "--connection", "sim", "--format", "jsonl", "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return plugboard(args.toArray(String[]::new));
    }

    private static JsonNode control(String method, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ready.get("baseUrl").asText()
                + "/__simulator/" + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static long requests() throws Exception {
        return control("GET", "stats").get("total").asLong();
    }

    private static List<JsonNode> rows(Path jsonl) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    /** @return Σ over the projects of max(1, ⌈rows/100⌉): the event pages a run reads */
    private static long pages(List<JsonNode> rows, Set<String> projects) {
        Map<String, Long> byProject = rows.stream().collect(Collectors.groupingBy(r -> r.get("projectId").asText(),
                TreeMap::new, Collectors.counting()));
        return projects.stream().mapToLong(p -> Math.max(1, (byProject.getOrDefault(p, 0L) + 99) / 100)).sum();
    }

    @Test
    void newAndLateEventsAreReadOnceWithOnePagePerProjectAndTheTableHoldsEveryEventOnce() throws Exception {
        Path firstOut = work.resolve("first.jsonl");
        control("POST", "stats/reset");

        Run first = report("project-events", firstOut);

        List<JsonNode> firstRows = rows(firstOut);
        Set<String> projects = firstRows.stream().map(r -> r.get("projectId").asText()).collect(Collectors.toSet());
        Instant cursor = firstRows.stream().map(r -> Instant.parse(r.get("dateCreated").asText()))
                .max(Instant::compareTo).orElseThrow();
        String newestProject = firstRows.stream().filter(r -> Instant.parse(r.get("dateCreated").asText())
                .equals(cursor)).findFirst().orElseThrow().get("projectId").asText();
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(projects).hasSize(3);
        assertThat(first.err()).isEqualTo("wrote " + firstRows.size() + " rows of report project-events to " + firstOut
                + "\nreport project-events of connection sim: read " + firstRows.size() + " rows ("
                + pages(firstRows, projects) + " pages) (first run: the whole window), " + firstRows.size() + " new or"
                + " changed; merged into table report_sim_project_events; cursor now " + cursor + "\n");
        assertThat(requests()).as("the org detail, the projects listing, then each page of events")
                .isEqualTo(2 + pages(firstRows, projects));

        // new events in the project with the newest event (so dated after the cursor), and three that arrive late,
        // dated 1 to 3 seconds before the cursor: inside the 10-minute lookback
        JsonNode grown = control("POST", "grow?events=12&late=3&lateBefore=" + cursor + "&seed=3&project="
                + newestProject);
        Set<String> added = new HashSet<>();
        grown.get("events").forEach(e -> added.add(e.get("id").asText()));
        assertThat(added).hasSize(15);
        Instant from = cursor.minus(Duration.ofMinutes(10));
        long again = firstRows.stream().filter(r -> !Instant.parse(r.get("dateCreated").asText()).isBefore(from))
                .count();
        Instant newest = Instant.parse(java.util.stream.StreamSupport.stream(grown.get("events").spliterator(), false)
                .map(e -> e.get("dateCreated").asText()).max(java.util.Comparator.comparing(Instant::parse))
                .orElseThrow());
        control("POST", "stats/reset");
        Path secondOut = work.resolve("second.jsonl");

        Run second = report("project-events", secondOut);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).isEqualTo("wrote 15 rows of report project-events to " + secondOut + "\nreport"
                + " project-events of connection sim: read " + (15 + again) + " rows (3 pages) from " + from
                + " (cursor " + cursor + " minus the 10m lookback), 15 new or changed; merged into table"
                + " report_sim_project_events; cursor now " + newest + "\n");
        assertThat(requests()).as("the org detail, the projects listing and one page of events per project")
                .isEqualTo(2 + 3);
        assertThat(rows(secondOut).stream().map(r -> r.get("eventID").asText()).toList())
                .containsExactlyInAnyOrderElementsOf(added);
        Run stored = plugboard("store", "query", "SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS events FROM"
                + " report_sim_project_events", "--store", work.resolve("store.db").toString(), "--format", "csv");
        int all = firstRows.size() + 15;
        assertThat(stored.out()).isEqualTo("n,events\r\n" + all + "," + all + "\r\n");
    }

    @Test
    void issuesSeenAgainAreUpdatedInTheTable() throws Exception {
        Path firstOut = work.resolve("issues.jsonl");
        Run first = report("project-issues", firstOut);
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<JsonNode> firstRows = rows(firstOut);
        int issues = firstRows.size();
        // events on the issues of the project seen last (so their new lastSeen is after the cursor)
        String newestProject = firstRows.stream().max(java.util.Comparator.comparing(r -> Instant.parse(
                r.get("lastSeen").asText()))).orElseThrow().get("projectId").asText();

        JsonNode grown = control("POST", "grow?events=6&seed=4&project=" + newestProject);
        Run second = report("project-issues", work.resolve("issues-2.jsonl"));

        assertThat(second.exitCode()).as(second.err()).isZero();
        StringBuilder expected = new StringBuilder("id,count\r\n");
        List<JsonNode> updated = new ArrayList<>();
        grown.get("updatedIssues").forEach(updated::add);
        assertThat(updated).isNotEmpty();
        updated.sort(java.util.Comparator.comparing(i -> i.get("id").asText()));
        List<String> ids = new ArrayList<>();
        for (JsonNode i : updated) {
            expected.append(i.get("id").asText()).append(',').append(i.get("count").asLong()).append("\r\n");
            ids.add("'" + i.get("id").asText() + "'");
        }
        Run stored = plugboard("store", "query", "SELECT id, count FROM report_sim_project_issues WHERE id IN ("
                + String.join(", ", ids) + ") ORDER BY id", "--store", work.resolve("store.db").toString(),
                "--format", "csv");
        assertThat(stored.out()).isEqualTo(expected.toString());
        Run total = plugboard("store", "query", "SELECT COUNT(*) AS n FROM report_sim_project_issues", "--store",
                work.resolve("store.db").toString(), "--format", "csv");
        assertThat(total.out()).isEqualTo("n\r\n" + issues + "\r\n");
        assertThat(rows(work.resolve("issues-2.jsonl")).stream().map(r -> r.get("id").asText()).sorted().toList())
                .as("the second run writes the issues seen again, with their new count")
                .containsExactlyElementsOf(ids.stream().map(i -> i.replace("'", "")).toList());
    }
}
