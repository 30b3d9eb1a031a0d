package dev.plugboard.host.sync;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saved sync: who it was for and where it stood.
 *
 * @param pluginId       the plugin id
 * @param types          the resource types walked
 * @param configSalt     the salt of the configuration digest
 * @param configDigest   the salted configuration digest ({@link SyncIdentity#configDigest})
 * @param outputPosition how many bytes of the partial output file belong to the records written
 * @param outputDigest   the SHA-256 digest (hex) of those bytes, so a resumed sync refuses a partial file changed
 *                       since; empty where the output is not a file (Kafka Connect's record offsets)
 * @param state          the state at that point
 */
public record Checkpoint(String pluginId, List<String> types, String configSalt, String configDigest,
                         long outputPosition, Optional<String> outputDigest, SyncState state) {

    /** Checks and copies. */
    public Checkpoint {
        Objects.requireNonNull(pluginId, "pluginId");
        types = List.copyOf(types);
        Objects.requireNonNull(configSalt, "configSalt");
        Objects.requireNonNull(configDigest, "configDigest");
        if (outputPosition < 0) {
            throw new IllegalArgumentException("outputPosition must not be negative");
        }
        Objects.requireNonNull(outputDigest, "outputDigest");
        Objects.requireNonNull(state, "state");
    }

    /**
     * A checkpoint of output that is not a file, so without a digest of it (Kafka Connect's record offsets).
     *
     * @param pluginId       the plugin id
     * @param types          the resource types walked
     * @param configSalt     the salt of the configuration digest
     * @param configDigest   the salted configuration digest
     * @param outputPosition how far the output got
     * @param state          the state at that point
     */
    public Checkpoint(String pluginId, List<String> types, String configSalt, String configDigest,
                      long outputPosition, SyncState state) {
        this(pluginId, types, configSalt, configDigest, outputPosition, Optional.empty(), state);
    }

    /**
     * Checks that this checkpoint was taken for the same sync.
     *
     * @param identity the sync about to be resumed
     * @param where    the checkpoint file's name, for messages
     * @throws ResumeException saying what differs and what to do
     */
    public void verify(SyncIdentity identity, String where) throws ResumeException {
        String startOver = "; run without --resume to start over";
        if (!pluginId.equals(identity.pluginId())) {
            throw new ResumeException("the checkpoint " + where + " is for plugin '" + pluginId + "', not '"
                    + identity.pluginId() + "'" + startOver);
        }
        if (!types.equals(identity.types())) {
            throw new ResumeException("the checkpoint " + where + " was taken syncing the types "
                    + String.join(",", types) + ", not " + String.join(",", identity.types())
                    + "; resume with --types " + String.join(",", types) + startOver);
        }
        if (!configDigest.equals(identity.configDigest(configSalt))) {
            throw new ResumeException("the configuration differs from the one the checkpoint " + where
                    + " was taken with; resume with the same configuration" + startOver);
        }
    }
}
