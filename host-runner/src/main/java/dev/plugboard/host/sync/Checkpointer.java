package dev.plugboard.host.sync;

import java.io.IOException;

/** Saves the sync's state; the engine calls it right after flushing its output. */
@FunctionalInterface
public interface Checkpointer {

    /**
     * @param state where the sync stands
     * @throws IOException when saving fails (the sync then fails: it could not be resumed)
     */
    void save(SyncState state) throws IOException;

    /** @return a checkpointer that saves nothing (output to a stream cannot be resumed) */
    static Checkpointer none() {
        return state -> {
        };
    }
}
