package dev.plugboard.host.plugin;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The plugins found in a plugins folder: those that loaded, and those that did not with their reasons. Closing it
 * closes the plugins' class loaders; close every connector opened from it first.
 */
public final class PluginCatalog implements AutoCloseable {
    private final Path folder;
    private final List<LoadedPlugin> plugins;
    private final List<PluginFailure> failures;
    private final List<URLClassLoader> loaders;
    private final PluginCalls calls;

    PluginCatalog(Path folder, List<LoadedPlugin> plugins, List<PluginFailure> failures, List<URLClassLoader> loaders,
                  PluginCalls calls) {
        this.folder = folder;
        this.calls = calls;
        this.plugins = List.copyOf(plugins);
        this.failures = List.copyOf(failures);
        this.loaders = List.copyOf(loaders);
    }

    /** @return the folder that was scanned */
    public Path folder() {
        return folder;
    }

    /** @return the plugins that loaded, sorted by id */
    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** @return the jars or providers that failed to load, sorted by jar name */
    public List<PluginFailure> failures() {
        return failures;
    }

    /**
     * @param id a plugin id
     * @return the plugin with that id, when it loaded
     */
    public Optional<LoadedPlugin> find(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** @return the ids of the plugins that loaded */
    public List<String> ids() {
        return plugins.stream().map(LoadedPlugin::id).toList();
    }

    @Override
    public void close() {
        calls.close();
        List<String> problems = new ArrayList<>();
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                problems.add(loader.getName() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(PluginCatalog.class).debug("could not close plugin loaders: {}", problems);
        }
    }
}
