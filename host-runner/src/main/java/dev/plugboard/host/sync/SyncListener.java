package dev.plugboard.host.sync;

/** Shown how a sync is going; called from the engine's thread, at most every progress interval. */
public interface SyncListener {

    /** @param progress the current figures */
    void progress(SyncProgress progress);

    /**
     * Says how many records the sync will likely write in all (the records of the connection's last sync of the same
     * types), so a display can show a percent; called at most once, before the first {@link #progress}.
     *
     * @param records the records expected
     */
    default void expect(long records) {
    }

    /** @param summary the figures at the end of a successful sync */
    default void finished(SyncSummary summary) {
    }

    /** Called once when the sync stops, successfully or not, so a display can close. */
    default void close() {
    }

    /** @return a listener that shows nothing */
    static SyncListener none() {
        return p -> {
        };
    }
}
