package dev.plugboard.conformance;

import dev.plugboard.spi.ConnectorProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles fixture plugins from source at test time and writes them as plugin jars. */
final class PluginJars {
    private PluginJars() {
    }

    /** @return where the SPI classes are (a folder or a jar) */
    static Path spiLocation() {
        try {
            return Path.of(ConnectorProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param work       scratch folder
     * @param jarName    the jar's file name
     * @param className  the provider class
     * @param source     its source
     * @param bundleSpi  whether to copy the SPI classes in (a broken plugin)
     * @return the jar
     */
    static Path build(Path work, String jarName, String className, String source, boolean bundleSpi) {
        try {
            Path src = Files.createTempDirectory(work, "src");
            Path classes = Files.createTempDirectory(work, "classes");
            Path file = src.resolve(className.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int status = javac.run(null, null, errors, "-d", classes.toString(), "--release", "17", "-nowarn",
                    "-classpath", spiLocation().toString(), file.toString());
            if (status != 0) {
                throw new IllegalStateException("fixture " + jarName + " does not compile:\n" + errors);
            }
            Path jar = work.resolve(jarName);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                copyTree(classes, out);
                out.putNextEntry(new JarEntry("META-INF/services/" + ConnectorProvider.class.getName()));
                out.write((className + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
                if (bundleSpi) {
                    Path spi = spiLocation();
                    if (Files.isDirectory(spi)) {
                        copyTree(spi, out);
                    } else {
                        try (JarFile spiJar = new JarFile(spi.toFile())) {
                            for (JarEntry e : java.util.Collections.list(spiJar.entries())) {
                                if (e.getName().startsWith("dev/plugboard/spi/") && !e.isDirectory()) {
                                    out.putNextEntry(new JarEntry(e.getName()));
                                    spiJar.getInputStream(e).transferTo(out);
                                    out.closeEntry();
                                }
                            }
                        }
                    }
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path root, JarOutputStream out) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        for (Path f : files) {
            String name = root.relativize(f).toString().replace('\\', '/');
            if (name.startsWith("META-INF/")) {
                continue;
            }
            out.putNextEntry(new JarEntry(name));
            out.write(Files.readAllBytes(f));
            out.closeEntry();
        }
    }
}
