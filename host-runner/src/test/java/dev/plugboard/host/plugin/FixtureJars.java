package dev.plugboard.host.plugin;

import dev.plugboard.spi.ConnectorProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles fixture plugins from source at test time and writes them as jars. */
public final class FixtureJars {
    /** The service file every plugin needs. */
    public static final String SERVICE_FILE = "META-INF/services/" + ConnectorProvider.class.getName();

    private final Path work;

    /** @param work a scratch folder */
    public FixtureJars(Path work) {
        this.work = work;
    }

    /** @return where the SPI classes are (a folder or a jar) */
    public static Path spiLocation() {
        try {
            return Path.of(ConnectorProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A jar under construction. */
    public final class Jar {
        private final String name;
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, byte[]> entries = new LinkedHashMap<>();
        private final List<Path> classpath = new ArrayList<>(List.of(spiLocation()));
        private final List<Path> merged = new ArrayList<>();

        private Jar(String name) {
            this.name = name;
        }

        /** Adds a Java source, e.g. {@code source("fx.Good", "package fx; ...")}. */
        public Jar source(String className, String code) {
            sources.put(className, code);
            return this;
        }

        /**
         * Copies compiled test classes (with their nested and anonymous classes) into the jar. They must use only
         * the JDK and the SPI: in the plugin's class loader nothing else is visible.
         */
        public Jar classes(Class<?>... types) {
            for (Class<?> type : types) {
                try {
                    Path file = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .resolve(type.getName().replace('.', '/') + ".class");
                    String prefix = type.getSimpleName();
                    try (Stream<Path> siblings = Files.list(file.getParent())) {
                        for (Path f : siblings.toList()) {
                            String n = f.getFileName().toString();
                            if (n.equals(prefix + ".class") || n.startsWith(prefix + "$")) {
                                entries.put(type.getPackageName().replace('.', '/') + "/" + n, Files.readAllBytes(f));
                            }
                        }
                    }
                } catch (IOException | URISyntaxException e) {
                    throw new IllegalStateException("cannot copy class " + type.getName(), e);
                }
            }
            return this;
        }

        /** Adds the service file naming these providers. */
        public Jar service(String... providers) {
            return entry(SERVICE_FILE, String.join("\n", providers) + "\n");
        }

        /** Adds a text entry. */
        public Jar entry(String path, String text) {
            entries.put(path, text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Adds a binary entry. */
        public Jar entry(String path, byte[] bytes) {
            entries.put(path, bytes);
            return this;
        }

        /** Compiles against this jar too and copies its classes in (shading a dependency). */
        public Jar bundle(Path dependency) {
            classpath.add(dependency);
            merged.add(dependency);
            return this;
        }

        /** Compiles and writes the jar. */
        public Path build() {
            try {
                Path classes = Files.createTempDirectory(work, name + "-classes");
                compile(classes);
                Path jar = work.resolve(name);
                try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                    List<String> seen = new ArrayList<>();
                    try (Stream<Path> files = Files.walk(classes)) {
                        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                            String entry = classes.relativize(f).toString().replace('\\', '/');
                            put(out, entry, Files.readAllBytes(f));
                            seen.add(entry);
                        }
                    }
                    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                        put(out, e.getKey(), e.getValue());
                        seen.add(e.getKey());
                    }
                    for (Path dep : merged) {
                        copyClasses(dep, out, seen);
                    }
                }
                return jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void compile(Path classes) throws IOException {
            if (sources.isEmpty()) {
                return;
            }
            Path src = Files.createTempDirectory(work, name + "-src");
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-nowarn",
                    "-classpath", classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator))));
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path file = src.resolve(s.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int status = javac.run(null, null, errors, args.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("fixture " + name + " does not compile:\n" + errors);
            }
        }
    }

    /** @return a new jar named {@code name} */
    public Jar jar(String name) {
        return new Jar(name);
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    private static void copyClasses(Path dependency, JarOutputStream out, List<String> seen) throws IOException {
        try (JarFile jar = new JarFile(dependency.toFile())) {
            for (JarEntry e : java.util.Collections.list(jar.entries())) {
                if (e.isDirectory() || seen.contains(e.getName()) || e.getName().startsWith("META-INF/")
                        && !e.getName().startsWith("META-INF/services/")) {
                    continue;
                }
                seen.add(e.getName());
                out.putNextEntry(new JarEntry(e.getName()));
                try (var in = jar.getInputStream(e)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    /** Writes bytes that are not a jar. */
    public Path corrupt(String name) {
        try {
            Path p = work.resolve(name);
            try (OutputStream out = Files.newOutputStream(p)) {
                out.write("this is not a zip file".getBytes(StandardCharsets.UTF_8));
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source of a small working provider.
     *
     * @param className  fully qualified provider class name
     * @param id         plugin id
     * @param spiVersion the SPI version it declares
     * @param extra      extra members placed in the class body (constructors, static blocks)
     * @return Java source
     */
    public static String provider(String className, String id, String spiVersion, String extra) {
        int dot = className.lastIndexOf('.');
        String pkg = className.substring(0, dot);
        String simple = className.substring(dot + 1);
        return """
                package %s;
                import dev.plugboard.spi.*;
                import java.util.*;
                import java.util.concurrent.*;
                public class %s implements ConnectorProvider {
                    %s
                    public ConnectorDescriptor descriptor() {
                        return new ConnectorDescriptor("%s", "Fixture %s", "1.2.3", SpiVersion.parse("%s"),
                            Set.of(), Optional.empty(),
                            "{\\"$schema\\":\\"https://json-schema.org/draft/2020-12/schema\\",\\"type\\":\\"object\\","
                            + "\\"required\\":[\\"token\\",\\"url\\"],\\"additionalProperties\\":false,"
                            + "\\"properties\\":{\\"token\\":{\\"type\\":\\"string\\",\\"writeOnly\\":true,\\"minLength\\":8},"
                            + "\\"url\\":{\\"type\\":\\"string\\",\\"format\\":\\"uri\\"},"
                            + "\\"retries\\":{\\"type\\":\\"integer\\",\\"minimum\\":0,\\"maximum\\":5}}}", 4);
                    }
                    public Connector open(ConnectorConfig config, ConnectorContext context) {
                        String token = config.string("token").orElseThrow();
                        return new Connector() {
                            public CompletionStage<CheckResult> check() {
                                List<Finding> findings = new ArrayList<>();
                                ClassLoader tccl = Thread.currentThread().getContextClassLoader();
                                findings.add(Finding.info("tccl", tccl == %s.class.getClassLoader() ? "plugin loader" : "other loader"));
                                try {
                                    Class.forName("picocli.CommandLine", false, %s.class.getClassLoader());
                                    findings.add(Finding.warning("isolation", "host classes are visible"));
                                } catch (ClassNotFoundException e) {
                                    findings.add(Finding.info("isolation", "host classes are hidden"));
                                }
                                if (token.startsWith("bad")) {
                                    findings.add(Finding.error("auth.invalid-token", "the token " + token + " was refused"));
                                }
                                return CompletableFuture.completedFuture(new CheckResult(findings));
                            }
                            public void close() {
                            }
                        };
                    }
                }
                """.formatted(pkg, simple, extra, id, id, spiVersion, simple, simple);
    }
}
