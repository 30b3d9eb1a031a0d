package dev.plugboard.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plugboard.host.plugin.PluginCatalog;
import dev.plugboard.host.plugin.PluginLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The build's output folder is a working plugins folder: {@code plugboard --plugins sentry-plugin/target plugins}. */
class PluginFolderIT {
    @Test
    void theTargetFolderLoadsAsAPluginsFolderWithOnlyTheSentryPlugin() throws Exception {
        Path jar = Path.of(System.getProperty("plugboard.plugin.jar", "target/sentry-plugin.jar"));
        try (PluginCatalog catalog = new PluginLoader().load(jar.toAbsolutePath().getParent())) {
            assertEquals(List.of(), catalog.failures(), "every jar in " + jar.getParent() + " must load");
            assertEquals(List.of("sentry"), catalog.ids());
        }
    }
}
