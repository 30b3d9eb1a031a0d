package dev.plugboard.host.store;

import java.util.List;
import java.util.Objects;

/**
 * What a sync records about its run before it starts.
 *
 * @param pluginVersion the plugin's version
 * @param spiVersion    the SPI version the plugin was built for
 * @param hostVersion   this Plugboard's version
 * @param types         the resource types it syncs
 */
public record SyncMetadata(String pluginVersion, String spiVersion, String hostVersion, List<String> types) {
    /** Checks and copies. */
    public SyncMetadata {
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(spiVersion, "spiVersion");
        Objects.requireNonNull(hostVersion, "hostVersion");
        types = List.copyOf(types);
    }
}
