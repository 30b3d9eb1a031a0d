package dev.plugboard.host.sync;

import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.util.List;

/** Writes every record to several sinks in turn (the store and a JSON Lines file). */
public final class TeeSyncSink implements SyncRecordSink {
    private final List<SyncRecordSink> sinks;

    /** @param sinks where to write, in this order */
    public TeeSyncSink(List<SyncRecordSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void resourceType(ResourceType type) throws IOException {
        for (SyncRecordSink s : sinks) {
            s.resourceType(type);
        }
    }

    @Override
    public void resource(Resource resource) throws IOException {
        for (SyncRecordSink s : sinks) {
            s.resource(resource);
        }
    }

    @Override
    public void entitlement(Entitlement entitlement) throws IOException {
        for (SyncRecordSink s : sinks) {
            s.entitlement(entitlement);
        }
    }

    @Override
    public void grant(Grant grant) throws IOException {
        for (SyncRecordSink s : sinks) {
            s.grant(grant);
        }
    }

    @Override
    public void summary(SyncSummary summary) throws IOException {
        for (SyncRecordSink s : sinks) {
            s.summary(summary);
        }
    }

    @Override
    public void flush() throws IOException {
        for (SyncRecordSink s : sinks) {
            s.flush();
        }
    }
}
