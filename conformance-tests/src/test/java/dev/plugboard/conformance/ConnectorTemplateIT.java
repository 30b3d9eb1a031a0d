package dev.plugboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/connector-template builds the way a connector author's project does, outside this reactor: against
 * connector-spi and conformance-tests by version, from a local Maven repository holding this build's artifacts (as
 * 'mvn install' of Plugboard would put them there; here a private one, so nothing leaks into the user's). Other
 * artifacts come from the user's repository, read as a mirror. It must build one plugin jar and pass the suite.
 */
class ConnectorTemplateIT {
    private static final Path ROOT = Path.of(System.getProperty("plugboard.root"));
    private static final String VERSION = System.getProperty("plugboard.version");

    @TempDir
    Path work;

    @Test
    void theTemplateBuildsOnePluginJarStandaloneAndPassesTheSuite() throws Exception {
        Path template = ROOT.resolve("examples/connector-template");
        assertThat(Files.readString(template.resolve("pom.xml")))
                .as("the template builds against this release")
                .contains("<plugboard.version>" + VERSION + "</plugboard.version>");

        Path repository = work.resolve("repository");
        install(repository, "plugboard-parent", ROOT.resolve("pom.xml"), null);
        for (String module : List.of("connector-spi", "host-runner", "conformance-tests")) {
            install(repository, module, ROOT.resolve(module).resolve("pom.xml"),
                    ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar"));
        }
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>user-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(repository, Path.of(System.getProperty("plugboard.user.repository")).toUri()));

        Path project = work.resolve("hello-connector");
        copy(template, project);
        Path mvn = Path.of(System.getProperty("maven.home"), "bin", "mvn");
        ProcessBuilder pb = new ProcessBuilder(mvn.toString(), "-B", "-q", "-s", settings.toString(), "verify")
                .directory(project.toFile()).redirectErrorStream(true);
        pb.environment().remove("MAVEN_OPTS");
        Process build = pb.start();
        String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(build.exitValue()).as(log).isZero();

        try (Stream<Path> jars = Files.list(project.resolve("target"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")))
                    .containsExactly("hello-connector.jar");
        }
        String report = Files.readString(project.resolve(
                "target/failsafe-reports/com.example.hello.HelloConformanceIT.txt"));
        assertThat(report).containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0");
        assertThat(Files.readString(project.resolve(
                "target/surefire-reports/com.example.hello.HelloConnectorTest.txt")))
                .contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(Files.exists(repository.resolve("com/example"))).as("nothing installed").isFalse();
    }

    /** What 'mvn install' puts in a local repository for one module. */
    private static void install(Path repository, String artifactId, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repository.resolve("dev/plugboard").resolve(artifactId).resolve(VERSION));
        Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertThat(jar).as("built by this reactor").isRegularFile();
            Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The template's sources, without any target/ a local build left. */
    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(p -> !from.relativize(p).startsWith("target")).forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }
}
