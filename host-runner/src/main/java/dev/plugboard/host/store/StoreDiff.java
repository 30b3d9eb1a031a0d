package dev.plugboard.host.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.access.AccessRow;
import dev.plugboard.host.access.EffectiveAccess;
import dev.plugboard.host.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What changed between two completed syncs of a connection: the raw changes (records added, removed, changed with
 * their fields), then effective access gained and lost per principal with its paths and the grant changes that
 * caused it. Work and memory grow with the change: the raw changes come from the intervals, and effective access is
 * computed only for the principals a changed grant can reach.
 */
public final class StoreDiff {
    private static final List<String> KIND_ORDER = List.of("resourceType", "resource", "entitlement", "grant");

    private final Store store;
    private final StoredSync from;
    private final StoredSync to;

    /**
     * @param store the store
     * @param from  the earlier completed sync
     * @param to    the later completed sync of the same connection
     */
    public StoreDiff(Store store, StoredSync from, StoredSync to) {
        this.store = store;
        this.from = from;
        this.to = to;
    }

    private record Sides(StoredRecord before, StoredRecord after) {
    }

    /** @return every change: raw changes by kind and key, then access changes by principal and entitlement */
    public List<DiffRow> rows() {
        Map<String, Map<String, Sides>> byKind = new LinkedHashMap<>();
        KIND_ORDER.forEach(k -> byKind.put(k, new TreeMap<>()));
        store.changes(from, to, r -> {
            Map<String, Sides> sides = byKind.get(r.kind());
            Sides s = sides.getOrDefault(r.key(), new Sides(null, null));
            boolean before = r.lastSyncId().orElseThrow() < to.id();
            sides.put(r.key(), before ? new Sides(r, s.after()) : new Sides(s.before(), r));
        });
        List<DiffRow> rows = new ArrayList<>();
        List<StoredRecord> changedGrants = new ArrayList<>();
        for (Map.Entry<String, Map<String, Sides>> kind : byKind.entrySet()) {
            for (Map.Entry<String, Sides> e : kind.getValue().entrySet()) {
                rows.add(raw(kind.getKey(), e.getKey(), e.getValue()));
                if (kind.getKey().equals("grant")) {
                    if (e.getValue().before() != null) {
                        changedGrants.add(e.getValue().before());
                    }
                    if (e.getValue().after() != null) {
                        changedGrants.add(e.getValue().after());
                    }
                }
            }
        }
        rows.addAll(access(changedGrants, byKind.get("grant")));
        return rows;
    }

    private static DiffRow raw(String kind, String key, Sides s) {
        StoredRecord any = s.after() != null ? s.after() : s.before();
        JsonNode node = parse(any.json());
        String name = node.path("displayName").asText("");
        String entitlement = any.entitlement().filter(x -> kind.equals("grant")).orElse("");
        String principal = any.principal().orElse("");
        if (s.before() == null) {
            return new DiffRow("added", kind, key, name, entitlement, principal, "", "");
        }
        if (s.after() == null) {
            return new DiffRow("removed", kind, key, name, entitlement, principal, "", "");
        }
        return new DiffRow("changed", kind, key, name, entitlement, principal, "",
                fieldChanges(parse(s.before().json()), node));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return e.g. {@code profile.orgRole: member -> admin; displayName: Ada -> Ada L.} */
    static String fieldChanges(JsonNode before, JsonNode after) {
        Map<String, String> a = new TreeMap<>();
        Map<String, String> b = new TreeMap<>();
        flatten("", before, a);
        flatten("", after, b);
        Set<String> names = new java.util.TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String x = a.getOrDefault(n, "(none)");
            String y = b.getOrDefault(n, "(none)");
            if (!x.equals(y)) {
                out.add(n + ": " + x + " -> " + y);
            }
        }
        return String.join("; ", out);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject() && (prefix.isEmpty() || node.size() > 0)) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (prefix.isEmpty() && f.getKey().equals("kind")) {
                    continue;
                }
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), into);
            }
        } else {
            into.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }

    // ---- effective access ----

    private List<DiffRow> access(List<StoredRecord> changedGrants, Map<String, Sides> grantChanges) {
        if (changedGrants.isEmpty()) {
            return List.of();
        }
        // entitlements whose holders a changed expandable grant reaches, closed over expansions on either side
        Map<String, Set<String>> feeds = new HashMap<>(); // entitlement -> entitlements whose holders get it
        RecordFilter expandable = new RecordFilter(Set.of("grant"), Set.of(), Set.of(), true);
        for (StoredSync side : List.of(from, to)) {
            store.records(side, expandable, r -> {
                for (String f : expandableFrom(r)) {
                    feeds.computeIfAbsent(r.entitlement().orElseThrow(), k -> new HashSet<>()).add(f);
                }
            });
        }
        Set<String> reached = new HashSet<>();
        Set<String> principals = new HashSet<>();
        List<String> queue = new ArrayList<>();
        for (StoredRecord g : changedGrants) {
            g.principal().ifPresent(principals::add);
            if (g.expandable()) {
                queue.addAll(expandableFrom(g));
            }
        }
        while (!queue.isEmpty()) {
            String e = queue.remove(queue.size() - 1);
            if (reached.add(e)) {
                queue.addAll(feeds.getOrDefault(e, Set.of()));
            }
        }
        if (!reached.isEmpty()) {
            RecordFilter holders = new RecordFilter(Set.of("grant"), Set.of(), reached, false);
            for (StoredSync side : List.of(from, to)) {
                store.records(side, holders, r -> r.principal().ifPresent(principals::add));
            }
        }
        // only what these principals' access depends on: their grants, every expansion, and their names
        RecordFilter relevant = new RecordFilter(Set.of("resource", "grant"), principals, Set.of(), true);
        Map<String, List<AccessRow>> before = collect(StoredAccess.at(store, from, relevant, r -> true), principals);
        Map<String, List<AccessRow>> after = collect(StoredAccess.at(store, to, relevant, r -> true), principals);
        Causes causes = new Causes(grantChanges);
        List<DiffRow> rows = new ArrayList<>();
        TreeMap<String, Boolean> keys = new TreeMap<>();
        before.keySet().forEach(k -> keys.put(k, true));
        after.keySet().forEach(k -> keys.put(k, true));
        for (String key : keys.keySet()) {
            List<AccessRow> a = before.get(key);
            List<AccessRow> b = after.get(key);
            if (a == null) {
                b.forEach(r -> rows.add(accessRow("gained", r, causes.of(r, true))));
            } else if (b == null) {
                a.forEach(r -> rows.add(accessRow("lost", r, causes.of(r, false))));
            }
        }
        return rows;
    }

    private static List<String> expandableFrom(StoredRecord grant) {
        List<String> out = new ArrayList<>();
        parse(grant.json()).path("expandable").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** @return rows of the principals asked for, by principal then entitlement, each with its paths */
    private static Map<String, List<AccessRow>> collect(EffectiveAccess access, Set<String> principals) {
        Map<String, List<AccessRow>> rows = new LinkedHashMap<>();
        access.forEachRow(r -> {
            String principal = r.principalType() + ":" + r.principalId();
            if (principals.contains(principal)) {
                rows.computeIfAbsent(principal + "\u0000" + r.entitlementId(), k -> new ArrayList<>()).add(r);
            }
        });
        return rows;
    }

    private static DiffRow accessRow(String change, AccessRow r, String cause) {
        String principal = r.principalType() + ":" + r.principalId();
        return new DiffRow(change, "access", principal, r.principalName(), r.entitlementId(), principal, r.path(),
                cause);
    }

    /** Finds the grant changes along an access path, from indexes built once. */
    private static final class Causes {
        /** "principal\0entitlement" -> the added (or removed) direct grants' entitlements, by change. */
        private final Map<String, Set<String>> added = new HashMap<>();
        private final Map<String, Set<String>> removed = new HashMap<>();
        /** "from\0entitlement" -> the added (or removed) expandable grants that make that step. */
        private final Map<String, List<String>> addedSteps = new HashMap<>();
        private final Map<String, List<String>> removedSteps = new HashMap<>();

        Causes(Map<String, Sides> grants) {
            for (Sides s : grants.values()) {
                if (s.before() == null && s.after() != null) {
                    index(s.after(), added, addedSteps);
                } else if (s.after() == null && s.before() != null) {
                    index(s.before(), removed, removedSteps);
                }
            }
        }

        private static void index(StoredRecord g, Map<String, Set<String>> direct, Map<String, List<String>> steps) {
            String entitlement = g.entitlement().orElse("");
            direct.computeIfAbsent(g.principal().orElse("") + "\u0000" + entitlement, k -> new java.util.TreeSet<>())
                    .add(entitlement);
            if (g.expandable()) {
                for (String from : expandableFrom(g)) {
                    steps.computeIfAbsent(from + "\u0000" + entitlement, k -> new ArrayList<>()).add(g.key());
                }
            }
        }

        String of(AccessRow row, boolean gained) {
            String principal = row.principalType() + ":" + row.principalId();
            List<String> steps = row.path().equals("direct") ? List.of(row.entitlementId())
                    : List.of(row.path().split(" -> "));
            // a path that starts "A + B -> E": E is held directly via A and B; any of the three may have changed
            List<String> held = steps.get(0).contains(" + ") ? List.of(steps.get(0).split(" \\+ ")) : List.of();
            if (!held.isEmpty()) {
                steps = steps.subList(1, steps.size());
            }
            List<String> found = new ArrayList<>();
            for (String via : held) {
                if ((gained ? added : removed).containsKey(principal + "\u0000" + via)) {
                    found.add(principal + (gained ? " was granted " : " lost ") + via);
                }
            }
            for (int i = 0; i + 1 < steps.size(); i++) {
                for (String key : (gained ? addedSteps : removedSteps).getOrDefault(steps.get(i) + "\u0000"
                        + steps.get(i + 1), List.of())) {
                    found.add("grant " + key + (gained ? " was added" : " was removed") + " (holders of "
                            + steps.get(i) + " get " + steps.get(i + 1) + ")");
                }
            }
            if ((gained ? added : removed).containsKey(principal + "\u0000" + steps.get(0))) {
                found.add(principal + (gained ? " was granted " : " lost ") + steps.get(0));
            }
            java.util.Collections.sort(found);
            return String.join("; ", found);
        }
    }
}
