package dev.plugboard.host.store;

import dev.plugboard.host.access.AccessRow;
import dev.plugboard.host.access.EffectiveAccess;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The history of one principal's or one entitlement's access over a connection's completed syncs: each grant version
 * with its interval, and each effective access (entitlement and path) with the runs of syncs that had it.
 */
public final class StoreTimeline {
    private final Store store;
    private final StoredConnection connection;

    /**
     * @param store      the store
     * @param connection the connection
     */
    public StoreTimeline(Store store, StoredConnection connection) {
        this.store = Objects.requireNonNull(store, "store");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * One grant version or effective access, held from one completed sync to another.
     *
     * @param what        {@code grant} or {@code access}
     * @param principal   the principal ({@code type:id})
     * @param entitlement the entitlement
     * @param path        {@code direct}, the entitlements it flows through, or the grant id for a grant
     * @param from        the first sync that saw it
     * @param until       the last sync that saw it
     * @param current     whether the last completed sync still sees it
     */
    public record Interval(String what, String principal, String entitlement, String path, StoredSync from,
                           StoredSync until, boolean current) {
    }

    /**
     * @param principal   a principal ({@code type:id}), or empty
     * @param entitlement an entitlement id, or empty (one of the two is given)
     * @return the grant intervals, then the access intervals, each in time order
     */
    public List<Interval> intervals(Optional<String> principal, Optional<String> entitlement) {
        List<StoredSync> completed = store.syncs(Optional.of(connection)).stream()
                .filter(s -> s.status() == SyncStatus.COMPLETED).toList();
        if (completed.isEmpty()) {
            return List.of();
        }
        Map<Long, StoredSync> byId = new LinkedHashMap<>();
        completed.forEach(s -> byId.put(s.id(), s));
        StoredSync last = completed.get(completed.size() - 1);
        List<Interval> out = new ArrayList<>();
        RecordFilter direct = new RecordFilter(Set.of("grant"), principal.map(Set::of).orElse(Set.of()),
                entitlement.map(Set::of).orElse(Set.of()), false);
        store.versions(connection, direct, r -> {
            StoredSync from = byId.get(r.firstSyncId());
            StoredSync until = byId.get(r.lastSyncId().orElseThrow());
            if (from != null && until != null) {
                out.add(new Interval("grant", r.principal().orElse(""), r.entitlement().orElse(""), r.key(), from,
                        until, until.id() == last.id()));
            }
        });
        Map<String, StoredSync[]> open = new LinkedHashMap<>();
        List<Interval> access = new ArrayList<>();
        StoredSync previous = null;
        for (StoredSync sync : completed) {
            Set<String> seen = new HashSet<>();
            for (AccessRow row : rowsAt(sync, principal, entitlement)) {
                String key = row.principalType() + ":" + row.principalId() + "\u0000" + row.entitlementId() + "\u0000"
                        + row.path();
                seen.add(key);
                open.computeIfAbsent(key, k -> new StoredSync[] {sync, sync})[1] = sync;
            }
            for (Map.Entry<String, StoredSync[]> e : new ArrayList<>(open.entrySet())) {
                if (!seen.contains(e.getKey())) {
                    access.add(accessInterval(e.getKey(), e.getValue()[0], previous, false));
                    open.remove(e.getKey());
                }
            }
            previous = sync;
        }
        for (Map.Entry<String, StoredSync[]> e : open.entrySet()) {
            access.add(accessInterval(e.getKey(), e.getValue()[0], last, true));
        }
        access.sort(java.util.Comparator.comparing((Interval i) -> i.from().id()).thenComparing(Interval::principal)
                .thenComparing(Interval::entitlement));
        out.addAll(access);
        return out;
    }

    private static Interval accessInterval(String key, StoredSync from, StoredSync until, boolean current) {
        String[] parts = key.split("\u0000", -1);
        return new Interval("access", parts[0], parts[1], parts[2], from, until, current);
    }

    private List<AccessRow> rowsAt(StoredSync sync, Optional<String> principal, Optional<String> entitlement) {
        List<AccessRow> rows = new ArrayList<>();
        if (principal.isPresent()) {
            EffectiveAccess access = StoredAccess.at(store, sync, new RecordFilter(Set.of("grant"),
                    Set.of(principal.get()), Set.of(), true), r -> true);
            access.forEachRow(r -> {
                if ((r.principalType() + ":" + r.principalId()).equals(principal.get())) {
                    rows.add(r);
                }
            });
            return rows;
        }
        String target = entitlement.orElseThrow();
        Map<String, Set<String>> feeds = new LinkedHashMap<>();
        store.records(sync, new RecordFilter(Set.of("grant"), Set.of(), Set.of(), true), r -> {
            for (com.fasterxml.jackson.databind.JsonNode f : parse(r.json()).path("expandable")) {
                feeds.computeIfAbsent(r.entitlement().orElseThrow(), k -> new HashSet<>()).add(f.asText());
            }
        });
        Set<String> reaching = new HashSet<>();
        List<String> queue = new ArrayList<>(List.of(target));
        while (!queue.isEmpty()) {
            String e = queue.remove(queue.size() - 1);
            if (reaching.add(e)) {
                queue.addAll(feeds.getOrDefault(e, Set.of()));
            }
        }
        EffectiveAccess access = StoredAccess.at(store, sync, new RecordFilter(Set.of("grant"), Set.of(),
                reaching, true), r -> true);
        access.forEachRow(r -> {
            if (r.entitlementId().equals(target)) {
                rows.add(r);
            }
        });
        return rows;
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return dev.plugboard.host.json.Json.read(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
