package dev.plugboard.host.cli;

import dev.plugboard.spi.SpiVersion;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code plugboard --version}: the host's version (from its jar's manifest), the SPI version it offers plugins, and
 * the Java runtime it runs on (a bug report needs all three).
 */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PlugboardCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "plugboard " + (version == null ? "development build" : version),
            "Plugboard SPI " + SpiVersion.current(),
            "Java " + System.getProperty("java.runtime.version", Runtime.version().toString()) + " ("
                    + System.getProperty("java.vm.name", "unknown VM") + ", "
                    + System.getProperty("java.vendor", "unknown vendor") + ") at " + System.getProperty("java.home")
        };
    }
}
