package dev.plugboard.host.cli;

import dev.plugboard.spi.SpiVersion;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code plugboard --version}: the host's version (from its jar's manifest), the SPI version it offers plugins, and
 * the Java runtime it runs on (a bug report needs all three).
 */
public final class VersionProvider implements IVersionProvider {
    /** @return this Plugboard's version, or {@code development build} when run from classes */
    public static String hostVersion() {
        String version = PlugboardCommand.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "plugboard " + hostVersion(),
            "Plugboard SPI " + SpiVersion.current(),
            "Java " + System.getProperty("java.runtime.version", Runtime.version().toString()) + " ("
                    + System.getProperty("java.vm.name", "unknown VM") + ", "
                    + System.getProperty("java.vendor", "unknown vendor") + ") at " + System.getProperty("java.home")
        };
    }
}
