package dev.plugboard.host.plugin;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one plugin jar. Its parent is the platform class loader, so the host's libraries (Jackson,
 * picocli, networknt…) are invisible to the plugin and the plugin's own copies win; only the SPI package
 * {@code dev.plugboard.spi} is delegated to the host, so SPI types have exactly one defining loader.
 */
final class PluginClassLoader extends URLClassLoader {
    static final String SPI_PACKAGE = "dev.plugboard.spi.";

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader spiLoader;

    PluginClassLoader(Path jar, ClassLoader spiLoader) {
        super("plugin:" + jar.getFileName(), new URL[] {toUrl(jar)}, ClassLoader.getPlatformClassLoader());
        this.spiLoader = spiLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return spiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("cannot make a URL of " + jar, e);
        }
    }
}
