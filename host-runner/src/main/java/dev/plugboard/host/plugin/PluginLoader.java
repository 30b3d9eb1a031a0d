package dev.plugboard.host.plugin;

import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.SpiVersion;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds plugin jars in a folder and loads each in its own {@link PluginClassLoader} through {@link ServiceLoader}.
 * A broken jar never stops the others from loading: it becomes a {@link PluginFailure} with a reason that says
 * what to fix.
 */
public final class PluginLoader {
    static final String SERVICE_FILE = "META-INF/services/" + ConnectorProvider.class.getName();
    private static final String SPI_PATH = "dev/plugboard/spi/";

    /** The longest one jar may take to load (its provider's constructor and descriptor()): 20 seconds. */
    public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(20);

    private final SpiVersion hostSpi;
    private final ClassLoader spiLoader;
    private final Duration callTimeout;

    /** A loader for plugins of this host's SPI version, with the default deadline for plugin calls. */
    public PluginLoader() {
        this(SpiVersion.current());
    }

    /** @param hostSpi the SPI version the host offers (tests use other versions) */
    public PluginLoader(SpiVersion hostSpi) {
        this(hostSpi, PluginCalls.DEFAULT_TIMEOUT);
    }

    /**
     * @param hostSpi     the SPI version the host offers
     * @param callTimeout the deadline of each call into a plugin; loading one jar gets the smaller of it and
     *                    {@link #LOAD_TIMEOUT}
     */
    public PluginLoader(SpiVersion hostSpi, Duration callTimeout) {
        this.hostSpi = hostSpi;
        this.spiLoader = ConnectorProvider.class.getClassLoader();
        this.callTimeout = callTimeout;
    }

    /**
     * Loads every {@code *.jar} directly in {@code folder}. A folder that does not exist gives an empty catalog.
     *
     * @param folder the plugins folder
     * @return the catalog; close it when done
     * @throws IOException when the folder exists but cannot be listed
     */
    public PluginCatalog load(Path folder) throws IOException {
        List<Path> jars;
        if (!Files.isDirectory(folder)) {
            jars = List.of();
        } else {
            try (Stream<Path> files = Files.list(folder)) {
                jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                        .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .toList();
            }
        }
        List<LoadedPlugin> loaded = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        PluginCalls calls = new PluginCalls(callTimeout);
        Duration loadTimeout = callTimeout.compareTo(LOAD_TIMEOUT) < 0 ? callTimeout : LOAD_TIMEOUT;
        for (Path jar : jars) {
            loadWithDeadline(jar.toAbsolutePath().normalize(), loadTimeout, calls, loaded, failures, loaders);
        }
        return new PluginCatalog(folder, withoutDuplicates(loaded, failures), failures, loaders, calls);
    }

    /**
     * Loads one jar on its own thread and waits at most {@code timeout}: a provider whose constructor or
     * {@code descriptor()} loops forever becomes a failure, and its thread is abandoned (what it adds later is never
     * read; {@code plugboard} ends with {@code System.exit}, so it does not keep the process alive).
     */
    private void loadWithDeadline(Path jar, Duration timeout, PluginCalls calls, List<LoadedPlugin> loaded,
                                  List<PluginFailure> failures, List<URLClassLoader> loaders) {
        List<LoadedPlugin> jarLoaded = new ArrayList<>();
        List<PluginFailure> jarFailures = new ArrayList<>();
        List<URLClassLoader> jarLoaders = new ArrayList<>();
        Thread loading = new Thread(() -> loadJar(jar, calls, jarLoaded, jarFailures, jarLoaders),
                "plugboard-load-" + jar.getFileName());
        loading.start();
        try {
            loading.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loading.isAlive()) {
            loading.interrupt();
            failures.add(new PluginFailure(jar, "did not finish loading within " + PluginCalls.describe(timeout)
                    + ": its provider's constructor or descriptor() never returned (a bug in the plugin)"));
            return;
        }
        loaded.addAll(jarLoaded);
        failures.addAll(jarFailures);
        loaders.addAll(jarLoaders);
    }

    private void loadJar(Path jar, PluginCalls calls, List<LoadedPlugin> loaded, List<PluginFailure> failures,
                         List<URLClassLoader> loaders) {
        String problem = inspect(jar);
        if (problem != null) {
            failures.add(new PluginFailure(jar, problem));
            return;
        }
        PluginClassLoader loader = new PluginClassLoader(jar, spiLoader);
        int before = loaded.size();
        try {
            ServiceLoader<ConnectorProvider> services = ServiceLoader.load(ConnectorProvider.class, loader);
            ContextClassLoader.run(loader, () -> services.stream().forEach(handle -> {
                String step = "while being created";
                try {
                    ConnectorProvider provider = handle.get();
                    String name = handle.type().getName();
                    step = "while giving its descriptor";
                    ConnectorDescriptor descriptor = provider.descriptor();
                    if (descriptor == null) {
                        failures.add(new PluginFailure(jar, name + ".descriptor() returned null"));
                    } else if (!hostSpi.canRun(descriptor.spiVersion())) {
                        failures.add(new PluginFailure(jar, "plugin '" + descriptor.id() + "' needs Plugboard SPI "
                                + descriptor.spiVersion() + " but this host offers SPI " + hostSpi
                                + (descriptor.spiVersion().compareTo(hostSpi) > 0
                                        ? "; upgrade the host or use a plugin built for SPI " + hostSpi
                                        : "; rebuild the plugin against SPI " + hostSpi)));
                    } else {
                        loaded.add(new LoadedPlugin(descriptor, jar, provider, loader, calls));
                    }
                } catch (ServiceConfigurationError e) {
                    failures.add(new PluginFailure(jar, describe(e)));
                } catch (Throwable e) { // StackOverflowError, AssertionError, OutOfMemoryError: the plugin's, not ours
                    failures.add(new PluginFailure(jar, handle.type().getName() + " failed " + step + ": "
                            + describeCause(e)));
                }
            }));
        } catch (ServiceConfigurationError e) {
            failures.add(new PluginFailure(jar, describe(e)));
        } catch (Throwable e) {
            failures.add(new PluginFailure(jar, "could not load: " + describeCause(e)));
        }
        if (loaded.size() > before) {
            loaders.add(loader);
        } else {
            if (failures.stream().noneMatch(f -> f.jar().equals(jar))) {
                failures.add(new PluginFailure(jar, SERVICE_FILE + " lists no connector provider"));
            }
            closeQuietly(loader);
        }
    }

    /** @return why the jar cannot be a plugin, or null when it may be one */
    private static String inspect(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry service = file.getJarEntry(SERVICE_FILE);
            boolean bundlesSpi = file.stream().anyMatch(e -> e.getName().startsWith(SPI_PATH) && e.getName().endsWith(".class"));
            if (bundlesSpi) {
                return "bundles its own copy of the Plugboard SPI (" + SPI_PATH + "*.class); declare connector-spi"
                        + " with <scope>provided</scope> so the host's copy is the only one";
            }
            if (service == null) {
                return "not a Plugboard plugin: it has no " + SERVICE_FILE
                        + " naming its ConnectorProvider implementation";
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "not a readable jar (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
    }

    private static List<LoadedPlugin> withoutDuplicates(List<LoadedPlugin> loaded, List<PluginFailure> failures) {
        Map<String, List<LoadedPlugin>> byId = new LinkedHashMap<>();
        for (LoadedPlugin p : loaded) {
            byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
        }
        List<LoadedPlugin> unique = new ArrayList<>();
        byId.forEach((id, same) -> {
            if (same.size() == 1) {
                unique.add(same.get(0));
            } else {
                String jars = String.join(", ", same.stream().map(p -> p.jar().getFileName().toString()).toList());
                for (LoadedPlugin p : same) {
                    failures.add(new PluginFailure(p.jar(), "plugin id '" + id + "' is provided by more than one jar ("
                            + jars + "); none of them is loaded: keep one"));
                }
            }
        });
        unique.sort(Comparator.comparing(LoadedPlugin::id));
        failures.sort(Comparator.comparing((PluginFailure f) -> f.jar().getFileName().toString()));
        return unique;
    }

    private static String describe(ServiceConfigurationError e) {
        Throwable cause = e.getCause();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.contains("Unable to get public no-arg constructor") || cause instanceof NoSuchMethodException) {
            return message.replaceFirst("^dev\\.plugboard\\.spi\\.ConnectorProvider: ", "")
                    + ": a ConnectorProvider needs a public constructor without arguments";
        }
        if (cause instanceof ExceptionInInitializerError init) {
            return "its static initializer failed: " + describeCause(init.getCause() == null ? init : init.getCause());
        }
        if (cause != null && message.contains("could not be instantiated")) {
            return message.replaceFirst("^dev\\.plugboard\\.spi\\.ConnectorProvider: ", "")
                    + ": its constructor threw " + describeCause(cause);
        }
        if (cause != null) {
            return message.replaceFirst("^dev\\.plugboard\\.spi\\.ConnectorProvider: ", "") + ": " + describeCause(cause);
        }
        return message.replaceFirst("^dev\\.plugboard\\.spi\\.ConnectorProvider: ", "");
    }

    private static String describeCause(Throwable e) {
        Throwable root = e;
        if (root instanceof ExceptionInInitializerError && root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing was loaded from it that the host keeps
        }
    }
}
