package dev.plugboard.host.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives {@code mvn package} builds, unpacked the way a user installs them: bin/plugboard run from another
 * folder and through symlinks, the preinstalled Sentry plugin found, completion and man pages present, and the
 * launcher's class-data-sharing cache kept to one archive per command and jar build.
 */
class DistributionIT {
    private static final Path TAR = Path.of(System.getProperty("plugboard.distribution.tar"));
    private static final Path ZIP = Path.of(System.getProperty("plugboard.distribution.zip"));
    private static final String NAME = System.getProperty("plugboard.distribution.name");

    @TempDir
    static Path work;
    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path install = Files.createDirectories(work.resolve("opt"));
        Result untar = run(install, List.of("tar", "-xzf", TAR.toString()), Map.of());
        assertThat(untar.status).as(untar.out).isZero();
        home = install.resolve(NAME);
    }

    @Test
    void theArchivesHoldTheLauncherTheJarThePluginCompletionManPagesExamplesAndDocs() throws Exception {
        assertThat(Files.isExecutable(home.resolve("bin/plugboard"))).isTrue();
        for (String file : List.of("lib/plugboard.jar", "plugins/sentry-plugin.jar", "completion/plugboard.bash",
                "man/man1/plugboard.1", "man/man1/plugboard-sync.1", "man/man1/plugboard-account-create.1",
                "man/man1/plugboard-conformance.1", "examples/sentry.yaml", "README.md",
                "docs/writing-a-connector.md", "docs/sentry-plugin/REPORTS.md", "docs/file-connector.md")) {
            assertThat(home.resolve(file)).as(file).isRegularFile();
        }
        assertThat(files(home.resolve("plugins"))).containsExactly("sentry-plugin.jar");
        List<String> tarEntries = new ArrayList<>();
        try (Stream<Path> all = Files.walk(home)) {
            all.filter(Files::isRegularFile).forEach(p -> tarEntries.add(NAME + "/" + home.relativize(p)));
        }
        List<String> zipEntries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> zipEntries.add(e.getName()));
        }
        Collections.sort(tarEntries);
        Collections.sort(zipEntries);
        assertThat(zipEntries).isEqualTo(tarEntries);
    }

    @Test
    void versionNamesTheReleaseTheSpiAndTheJavaRuntime() throws Exception {
        Result r = plugboard(Files.createDirectories(work.resolve("anywhere")), home.resolve("bin/plugboard"),
                Map.of(), "--version");
        assertThat(r.status).as(r.out).isZero();
        assertThat(r.out.lines().toList()).hasSize(3);
        assertThat(r.out.lines().toList().get(0)).isEqualTo("plugboard " + NAME.substring("plugboard-".length()));
        assertThat(r.out.lines().toList().get(1)).matches("Plugboard SPI \\d+\\.\\d+");
        assertThat(r.out.lines().toList().get(2)).startsWith("Java " + System.getProperty("java.runtime.version"));
    }

    @Test
    void runsFromAnyFolderAndThroughSymlinksWithItsOwnPluginsFolder() throws Exception {
        Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
        Path links = Files.createDirectories(work.resolve("links"));
        Path fileLink = Files.createSymbolicLink(links.resolve("plugboard"), home.resolve("bin/plugboard"));
        Path linkedHome = Files.createSymbolicLink(work.resolve("plugboard-current"), home);
        Path chained = Files.createSymbolicLink(links.resolve("pb"), Path.of("plugboard")); // relative, to a link
        for (Path launcher : List.of(home.resolve("bin/plugboard"), fileLink, linkedHome.resolve("bin/plugboard"),
                chained)) {
            Result r = plugboard(elsewhere, launcher, Map.of(), "plugins");
            assertThat(r.status).as(launcher + ": " + r.out).isZero();
            assertThat(r.out).as(launcher.toString()).contains("sentry-plugin.jar").contains("sentry ");
        }
        // PLUGBOARD_PLUGINS still wins over the distribution's folder
        Path empty = Files.createDirectories(work.resolve("no-plugins"));
        Result chosen = plugboard(elsewhere, fileLink, Map.of("PLUGBOARD_PLUGINS", empty.toString()), "plugins");
        assertThat(chosen.out).doesNotContain("sentry-plugin.jar");
    }

    @Test
    void theCompletionScriptCompletesCommandsInBash() throws Exception {
        Result r = run(work, List.of("bash", "-c", "source \"$1\"; COMP_WORDS=(plugboard sy); COMP_CWORD=1; "
                + "COMP_LINE='plugboard sy'; _complete_plugboard 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"", "bash",
                home.resolve("completion/plugboard.bash").toString()), Map.of());
        assertThat(r.status).as(r.out).isZero();
        assertThat(r.out.lines().toList()).containsExactly("sync", "syncs");
    }

    @Test
    void theManPagesAreTroffGeneratedFromTheCommandLine() throws Exception {
        String sync = Files.readString(home.resolve("man/man1/plugboard-sync.1"));
        assertThat(sync).contains(".TH \"PLUGBOARD\\-SYNC\" \"1\"").contains("\\-\\-resume");
        assertThat(Files.readString(home.resolve("man/man1/plugboard.1"))).contains(".TH \"PLUGBOARD\" \"1\"")
                .contains("\\fBsync\\fP").contains("\\fBconformance\\fP");
    }

    @Test
    void theStartUpCacheKeepsOneArchivePerCommandAndJarBuild() throws Exception {
        Path copy = Files.createDirectories(work.resolve("cds-install"));
        Result untar = run(copy, List.of("tar", "-xzf", TAR.toString()), Map.of());
        assertThat(untar.status).isZero();
        Path launcher = copy.resolve(NAME).resolve("bin/plugboard");
        Path cache = work.resolve("cds");
        Map<String, String> env = Map.of("PLUGBOARD_CDS_DIR", cache.toString());

        assertThat(plugboard(work, launcher, env, "--help").status).isZero();
        assertThat(plugboard(work, launcher, env, "sync", "--help").status).isZero();
        assertThat(plugboard(work, launcher, env, "--version").status).isZero();
        assertThat(plugboard(work, launcher, env, "spec", "no-such-plugin").status).isEqualTo(2);
        assertThat(plugboard(work, launcher, env, "no-such-command").status).isEqualTo(2);
        assertThat(files(cache)).as("help, version and failed runs write no archive").isEmpty();

        assertThat(plugboard(work, launcher, env, "plugins").status).isZero();
        List<String> first = files(cache);
        assertThat(first).hasSize(1);
        assertThat(first.get(0)).matches("plugboard-\\d+-plugins\\.\\d+-\\d+\\.jsa");
        assertThat(plugboard(work, launcher, env, "plugins").status).isZero();
        assertThat(files(cache)).as("the second run maps the archive").isEqualTo(first);
        assertThat(plugboard(work, launcher, env, "spec", "sentry").status).isZero();
        assertThat(files(cache)).hasSize(2);

        // a new build of the jar: its first run replaces that command's archive and drops the old build's others
        Path jar = copy.resolve(NAME).resolve("lib/plugboard.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(120)));
        assertThat(plugboard(work, launcher, env, "plugins").status).isZero();
        List<String> rebuilt = files(cache);
        assertThat(rebuilt).hasSize(1);
        assertThat(rebuilt.get(0)).matches("plugboard-\\d+-plugins\\.\\d+-\\d+\\.jsa").isNotEqualTo(first.get(0));
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Result plugboard(Path cwd, Path launcher, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        return run(cwd, command, env);
    }

    private record Result(int status, String out) {
    }

    private static Result run(Path cwd, List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("PLUGBOARD_PLUGINS");
        pb.environment().remove("PLUGBOARD_JAR");
        pb.environment().remove("PLUGBOARD_JAVA_OPTS");
        // never the user's cache: each test run its own (or none)
        pb.environment().put("PLUGBOARD_CDS", "off");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("PLUGBOARD_HOME", work.resolve("plugboard-home").toString());
        if (env.containsKey("PLUGBOARD_CDS_DIR")) {
            pb.environment().remove("PLUGBOARD_CDS");
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }
}
