package dev.plugboard.host.sync;

import java.util.List;
import java.util.Objects;

/**
 * The last record of a sync. {@code counts} depend only on the synced data; the other figures describe the run
 * (and, after a resume, include work repeated by it).
 *
 * @param pluginId       the plugin that was synced
 * @param types          the resource types walked, in the plugin's order
 * @param counts         records written
 * @param durationMillis wall time, summed over an interrupted run and its resumption
 * @param calls          plugin calls made by the host (pages fetched), not counting retries
 * @param requests       remote requests the plugin reported through {@code Progress.requestCompleted}
 * @param retries        calls the host retried
 * @param pluginRetries  requests the plugin reported retrying itself
 */
public record SyncSummary(String pluginId, List<String> types, SyncCounts counts, long durationMillis, long calls,
                          long requests, long retries, long pluginRetries) {

    /** Checks and copies. */
    public SyncSummary {
        Objects.requireNonNull(pluginId, "pluginId");
        types = List.copyOf(types);
        Objects.requireNonNull(counts, "counts");
    }
}
