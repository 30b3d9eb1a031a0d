package dev.plugboard.host.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.docs.MarkdownExamples.Example;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code plugboard} command the user-facing documents show runs as written, in document order, against the
 * simulator {@code scripts/simulator.sh} keeps running (the demo's organization), in a folder where it wrote
 * {@code sentry.yaml} and where the repository's paths resolve, with the environment it tells the user to export.
 * The commands are read from the Markdown at test time ({@link MarkdownExamples} says how), so a changed example
 * is tested as changed.
 */
class ExamplesIT {
    private static final Path ROOT = Path.of(System.getProperty("plugboard.root")).toAbsolutePath().normalize();
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern BASE_URL = Pattern.compile("\"baseUrl\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ORGANIZATION = Pattern.compile("\"organization\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern USER_TOKEN = Pattern.compile("\"userToken\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path work;

    /** One class-data-sharing cache for the three documents: each command writes its archive once. */
    @TempDir
    static Path cds;

    @ParameterizedTest
    @ValueSource(strings = {"README.md", "sentry-plugin/REPORTS.md", "sentry-plugin/PROVISIONING.md"})
    void everyCommandRunsAsWritten(String document) throws Exception {
        List<Example> examples = MarkdownExamples.extract(Files.readString(ROOT.resolve(document)));
        assertThat(examples).as("commands in " + document).isNotEmpty();

        Path folder = Files.createDirectories(work.resolve("cwd"));
        try (Stream<Path> top = Files.list(ROOT)) {
            for (Path entry : top.toList()) {
                Files.createSymbolicLink(folder.resolve(entry.getFileName().toString()), entry);
            }
        }
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("plugboard"), ROOT.resolve("scripts/plugboard"));

        Path ready = work.resolve("simulator.json");
        Process simulator = new ProcessBuilder("bash", ROOT.resolve("scripts/simulator.sh").toString(), "--port", "0",
                "--config", folder.resolve("sentry.yaml").toString(), "--ready-file", ready.toString())
                .directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("simulator.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready) && simulator.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ready).as(() -> log(work.resolve("simulator.log"))).exists();
            Matcher token = TOKEN.matcher(Files.readString(ready));
            Matcher userToken = USER_TOKEN.matcher(Files.readString(ready));
            assertThat(token.find()).isTrue();
            assertThat(userToken.find()).isTrue();
            Matcher baseUrl = BASE_URL.matcher(Files.readString(ready));
            Matcher organization = ORGANIZATION.matcher(Files.readString(ready));
            assertThat(baseUrl.find() && organization.find()).isTrue();

            List<String> failures = new ArrayList<>();
            for (Example example : examples) {
                ProcessBuilder pb = new ProcessBuilder("bash", "-c", example.command()).directory(folder.toFile())
                        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(devNull()));
                pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
                pb.environment().put("SENTRY_AUTH_TOKEN", token.group(1));
                pb.environment().put("SENTRY_USER_AUTH_TOKEN", userToken.group(1));
                pb.environment().put("SENTRY_ORG", organization.group(1));
                pb.environment().put("SENTRY_URL", baseUrl.group(1));
                pb.environment().put("PLUGBOARD_PLUGINS", ROOT.resolve("sentry-plugin/target").toString());
                pb.environment().put("PLUGBOARD_CDS_DIR", cds.toString());
                pb.environment().put("PLUGBOARD_HOME", work.resolve("home").toString());
                pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
                pb.environment().remove("PLUGBOARD_JAR");
                pb.environment().remove("PLUGBOARD_JAVA_OPTS");
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    failures.add(document + " " + example + "\n  did not end within 120 s");
                } else if (p.exitValue() != example.expectedExit()) {
                    failures.add(document + " " + example + "\n  exited " + p.exitValue() + ", expected "
                            + example.expectedExit() + ":\n    "
                            + String.join("\n    ", out.lines().limit(12).toList()));
                }
            }
            assertThat(failures).as(examples.size() + " commands of " + document + "; these failed").isEmpty();
        } finally {
            simulator.destroy();
            if (!simulator.waitFor(10, TimeUnit.SECONDS)) {
                simulator.destroyForcibly();
            }
        }
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String log(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no simulator log)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
