package dev.plugboard.host.sync;

import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;

/**
 * Where the sync engine writes records, in walk order, from a single thread. Each call writes one whole record.
 */
public interface SyncRecordSink {

    /** @param type a resource type being synced */
    void resourceType(ResourceType type) throws IOException;

    /** @param resource a resource, its parent filled in when it was listed under one */
    void resource(Resource resource) throws IOException;

    /** @param entitlement an entitlement */
    void entitlement(Entitlement entitlement) throws IOException;

    /** @param grant a grant */
    void grant(Grant grant) throws IOException;

    /** @param summary the last record */
    void summary(SyncSummary summary) throws IOException;

    /**
     * Pushes every record written so far to the underlying output, so a checkpoint taken now is consistent with it.
     *
     * @throws IOException when that fails
     */
    void flush() throws IOException;
}
