package dev.plugboard.host.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One sync as the store keeps it: sync metadata is data.
 *
 * @param id             the sync id (increasing)
 * @param connectionId   its connection
 * @param connectionName its connection's name
 * @param status         where it stands
 * @param pluginVersion  the plugin's version
 * @param spiVersion     the SPI version the plugin was built for
 * @param hostVersion    the Plugboard version that ran it
 * @param types          the resource types synced
 * @param startedAt      when it started
 * @param finishedAt     when it completed, failed or was found interrupted
 * @param resourceTypes  resource types written
 * @param resources      resources written
 * @param entitlements   entitlements written
 * @param grants         grants written
 * @param requests       requests the plugin made
 * @param retries        retries (the host's and the plugin's)
 * @param durationMillis run time (over every resumed run)
 * @param error          why it failed, if it did (masked)
 */
public record StoredSync(long id, long connectionId, String connectionName, SyncStatus status, String pluginVersion,
                         String spiVersion, String hostVersion, List<String> types, Instant startedAt,
                         Optional<Instant> finishedAt, long resourceTypes, long resources, long entitlements,
                         long grants, long requests, long retries, long durationMillis, Optional<String> error) {
    /** Checks and copies. */
    public StoredSync {
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(spiVersion, "spiVersion");
        Objects.requireNonNull(hostVersion, "hostVersion");
        types = List.copyOf(types);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(error, "error");
    }

    /** @return e.g. {@code sync 12 (2026-12-01T10:00:00Z)} */
    public String label() {
        return "sync " + id + " (" + finishedAt.orElse(startedAt) + ")";
    }
}
