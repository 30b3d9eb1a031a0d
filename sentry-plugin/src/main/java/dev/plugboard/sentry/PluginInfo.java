package dev.plugboard.sentry;

import dev.plugboard.spi.SpiVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Properties;

/**
 * What the build wrote into the plugin: its own version, the SPI version it was compiled against, and the
 * configuration schema. Read from class path resources, never from the SPI classes on the host's class path.
 *
 * @param version      the plugin's Maven version
 * @param spiVersion   the SPI version the plugin was built against ({@code plugboard.spi.version} at build time)
 * @param configSchema the configuration JSON Schema text
 */
record PluginInfo(String version, SpiVersion spiVersion, String configSchema) {

    PluginInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(spiVersion, "spiVersion");
        Objects.requireNonNull(configSchema, "configSchema");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException("plugin.properties was not filtered at build time: version=" + version);
        }
    }

    /** @return the values bundled with this plugin */
    static PluginInfo load() {
        Properties p = new Properties();
        try (InputStream in = resource("plugin.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String schema;
        try (InputStream in = resource("config-schema.json")) {
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PluginInfo(p.getProperty("version", ""), SpiVersion.parse(p.getProperty("spiVersion", "")), schema);
    }

    private static InputStream resource(String name) {
        InputStream in = PluginInfo.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the Sentry plugin jar is missing dev/plugboard/sentry/" + name);
        }
        return in;
    }
}
