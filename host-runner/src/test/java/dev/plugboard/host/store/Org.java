package dev.plugboard.host.store;

import dev.plugboard.host.sync.SyncRecordSink;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small organization described in lines, as a plugin would report it: {@code user ID NAME [role]},
 * {@code team ID NAME}, {@code member TEAM USER}, {@code admin TEAM USER}, {@code project ID NAME},
 * {@code access PROJECT TEAM} (the team's members get the project: an expandable grant).
 */
final class Org {
    static final String BASE = """
            user 1 Ada member
            user 2 Bob member
            user 3 Cy owner
            team 7 Backend
            team 8 Frontend
            member 7 1
            member 7 2
            admin 8 3
            project 30 Api
            project 40 Web
            access 30 7
            access 40 8
            """;

    private final List<Object> records = new ArrayList<>();

    private Org() {
    }

    static Org parse(String text) {
        Org org = new Org();
        org.records.addAll(OrgSource.records(text));
        return org;
    }

    /** @return how many records */
    int size() {
        return records.size();
    }

    /** Writes the first {@code n} records. */
    void write(SyncRecordSink sink, int n) throws IOException {
        for (Object r : records.subList(0, n)) {
            if (r instanceof ResourceType t) {
                sink.resourceType(t);
            } else if (r instanceof Resource res) {
                sink.resource(res);
            } else if (r instanceof Entitlement e) {
                sink.entitlement(e);
            } else {
                sink.grant((Grant) r);
            }
        }
        sink.flush();
    }

    static Map<String, Object> config(String organization) {
        return new TreeMap<>(Map.of("organization", organization, "token", "****"));
    }
}
