package dev.plugboard.host.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar (or one provider in it) that could not be loaded, and why, in words that say what to fix.
 *
 * @param jar    the jar
 * @param reason why it was not loaded
 */
public record PluginFailure(Path jar, String reason) {
    /** Checks every component. */
    public PluginFailure {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(reason, "reason");
    }
}
