package dev.plugboard.host.cli;

import dev.plugboard.spi.SpiVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code plugboard --version}: the host's version and the SPI version it offers. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PlugboardCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "plugboard " + (version == null ? "development build" : version),
            "Plugboard SPI " + SpiVersion.current()
        };
    }
}
