package dev.plugboard.host.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A connection: a plugin and its configuration's identity without secrets, with a name people can type.
 *
 * @param id             the store's id
 * @param name           the name ({@code --connection NAME})
 * @param pluginId       the plugin id
 * @param configIdentity the SHA-256 of the configuration with its secrets masked (hex)
 * @param config         that masked configuration as JSON (no secret)
 * @param createdAt      when it was first synced
 */
public record StoredConnection(long id, String name, String pluginId, String configIdentity, String config,
                               Instant createdAt) {
    /** Checks every component. */
    public StoredConnection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(configIdentity, "configIdentity");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
