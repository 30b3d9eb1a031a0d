package dev.plugboard.host.cli;

import java.nio.file.Path;

/**
 * Options every command shares, set on the root command.
 *
 * @param pluginsDir where plugin jars are
 */
public record HostOptions(Path pluginsDir) {
    /** Checks every component. */
    public HostOptions {
        java.util.Objects.requireNonNull(pluginsDir, "pluginsDir");
    }
}
