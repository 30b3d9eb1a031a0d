package dev.plugboard.host.store;

import dev.plugboard.host.access.EffectiveAccess;
import dev.plugboard.host.access.SyncFileException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Effective access as a completed sync saw it, computed by the one expansion there is ({@link EffectiveAccess}) from
 * the stored records: they are streamed to a temporary sync file (so memory holds the grant graph, not the records'
 * text twice), read, and the file deleted.
 */
public final class StoredAccess {
    private StoredAccess() {
    }

    /**
     * @param store the store
     * @param sync  a completed sync
     * @param which the records to take (all for the whole table; fewer for some principals)
     * @return the access
     */
    public static EffectiveAccess at(Store store, StoredSync sync, Predicate<StoredRecord> which) {
        return at(store, sync, RecordFilter.all(), which);
    }

    /**
     * @param store  the store
     * @param sync   a completed sync
     * @param filter the records to read
     * @param which  which of them to take
     * @return the access
     */
    public static EffectiveAccess at(Store store, StoredSync sync, RecordFilter filter, Predicate<StoredRecord> which) {
        Path file = null;
        try {
            file = Files.createTempFile("plugboard-sync-" + sync.id() + "-", ".jsonl");
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                store.records(sync, filter, r -> {
                    if (which.test(r)) {
                        try {
                            out.write(r.json());
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
                out.write("{\"kind\":\"summary\"}\n");
            }
            return EffectiveAccess.load(file);
        } catch (IOException | UncheckedIOException | SyncFileException e) {
            throw new StoreException(StoreException.Problem.UNAVAILABLE, "cannot compute the access of " + sync.label()
                    + " from the store: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file; the system cleans its temporary folder
                }
            }
        }
    }
}
