package dev.plugboard.host.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.store.RecordFilter;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredSync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The grants of one completed sync as a graph, to answer what a set of revokes takes away: every principal's
 * effective entitlements before and after, computed the way {@link dev.plugboard.host.access.EffectiveAccess} follows
 * grants (expandable grants give their entitlement to the holders of the entitlements they expand from; a grant held
 * {@code via} other entitlements holds while its principal holds them and none of them is revoked).
 *
 * <p>A revoke ({@link Revoke}) removes every grant of its entitlement to its principal that is held on its own;
 * a grant held {@code via} other entitlements is removed only by revoking one of those (as Sentry removes a manager's
 * team admin only with the org role or the team's membership).
 */
public final class AccessGraph {
    /** The principal type of an organization's people, by the trait their resource type has. */
    private static final String USER_TRAIT = "USER";
    private static final String ROLE_TRAIT = "ROLE";

    private final List<GrantEdge> grants = new ArrayList<>();
    private final Map<String, GrantEdge> byId = new HashMap<>();
    private final Map<String, List<GrantEdge>> direct = new HashMap<>();
    private final Map<String, List<GrantEdge>> expandsFrom = new HashMap<>();
    private final Map<String, Set<String>> traits = new HashMap<>();
    private final Map<String, String> entitlementResource = new HashMap<>();
    private final Map<String, Set<String>> before = new HashMap<>();
    private final Map<String, Set<String>> holders = new HashMap<>();

    /**
     * A grant: {@code principal} holds {@code entitlement}; holders of {@code expandableFrom} hold it too; held
     * {@code via} those entitlements when not empty.
     *
     * @param id             the grant id
     * @param entitlement    the entitlement
     * @param principal      {@code type:id}
     * @param expandableFrom entitlements whose holders hold it too
     * @param via            entitlements the principal holds it through
     */
    public record GrantEdge(String id, String entitlement, String principal, List<String> expandableFrom,
                            List<String> via) {
        /** Copies. */
        public GrantEdge {
            expandableFrom = List.copyOf(expandableFrom);
            via = List.copyOf(via);
        }

        /** @return the revoke that removes this grant, when it is held on its own */
        Revoke ownRevoke() {
            return new Revoke(entitlement, principal);
        }
    }

    /**
     * Revoking {@code entitlement} from {@code principal}, as {@code plugboard revoke} sends it.
     *
     * @param entitlement the entitlement id
     * @param principal   {@code type:id}
     */
    public record Revoke(String entitlement, String principal) implements Comparable<Revoke> {
        /** @return the conventional grant id of what it revokes: {@code entitlement:type:id} */
        public String id() {
            return entitlement + ":" + principal;
        }

        @Override
        public int compareTo(Revoke o) {
            return id().compareTo(o.id());
        }

        @Override
        public String toString() {
            return id();
        }
    }

    /**
     * A principal holding an entitlement.
     *
     * @param principal   {@code type:id}
     * @param entitlement the entitlement
     */
    public record Holding(String principal, String entitlement) implements Comparable<Holding> {
        @Override
        public int compareTo(Holding o) {
            int c = principal.compareTo(o.principal);
            return c != 0 ? c : entitlement.compareTo(o.entitlement);
        }

        @Override
        public String toString() {
            return principal + " " + entitlement;
        }
    }

    private AccessGraph() {
    }

    /**
     * @param store the store
     * @param sync  a completed sync
     * @return its grants as a graph
     */
    public static AccessGraph of(Store store, StoredSync sync) {
        AccessGraph graph = new AccessGraph();
        store.records(sync, new RecordFilter(Set.of("resourceType", "entitlement", "grant"), Set.of(), Set.of(),
                false), r -> graph.add(r.json()));
        graph.computeBefore();
        return graph;
    }

    /**
     * @param records sync-format lines (other kinds than resource types, entitlements and grants are skipped)
     * @return their grants as a graph
     */
    public static AccessGraph of(Iterable<String> records) {
        AccessGraph graph = new AccessGraph();
        records.forEach(graph::add);
        graph.computeBefore();
        return graph;
    }

    private void add(String line) {
        JsonNode json;
        try {
            json = Json.read(line);
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Problem.UNAVAILABLE, "a stored record is not JSON ("
                    + e.getOriginalMessage() + "): the store is damaged", e);
        }
        switch (json.path("kind").asText()) {
            case "resourceType" -> {
                Set<String> t = new HashSet<>();
                json.path("traits").forEach(x -> t.add(x.asText()));
                traits.put(json.path("id").asText(), t);
            }
            case "entitlement" -> entitlementResource.put(json.path("id").asText(),
                    json.path("resource").path("type").asText() + ":" + json.path("resource").path("id").asText());
            case "grant" -> {
                JsonNode p = json.path("principal");
                GrantEdge g = new GrantEdge(json.path("id").asText(), json.path("entitlement").asText(),
                        p.path("type").asText() + ":" + p.path("id").asText(), texts(json.get("expandable")),
                        texts(json.get("via")));
                grants.add(g);
                byId.put(g.id(), g);
                direct.computeIfAbsent(g.principal(), k -> new ArrayList<>()).add(g);
                for (String from : g.expandableFrom()) {
                    expandsFrom.computeIfAbsent(from, k -> new ArrayList<>()).add(g);
                }
            }
            default -> {
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private void computeBefore() {
        for (String principal : direct.keySet()) {
            Set<String> held = holdings(principal, Set.of(), Map.of());
            before.put(principal, held);
            held.forEach(e -> holders.computeIfAbsent(e, k -> new HashSet<>()).add(principal));
        }
    }

    /** @return the grant with this id */
    public java.util.Optional<GrantEdge> grant(String id) {
        return java.util.Optional.ofNullable(byId.get(id));
    }

    /** @return the principal's own grants */
    public List<GrantEdge> directGrants(String principal) {
        return direct.getOrDefault(principal, List.of());
    }

    /** @return the expandable grants of {@code entitlement} that expand from {@code from} */
    public List<GrantEdge> expansions(String from, String entitlement) {
        return expandsFrom.getOrDefault(from, List.of()).stream().filter(g -> g.entitlement().equals(entitlement))
                .toList();
    }

    /** @return whether the principal holds the entitlement now, by any path */
    public boolean holds(String principal, String entitlement) {
        return before.getOrDefault(principal, Set.of()).contains(entitlement);
    }

    /**
     * @param revokes revokes
     * @return every holding they take away (a principal that keeps an entitlement through another path keeps it)
     */
    public Set<Holding> lost(Collection<Revoke> revokes) {
        Set<String> affected = new TreeSet<>();
        for (Revoke r : revokes) {
            affected.addAll(holders.getOrDefault(r.entitlement(), Set.of()));
            affected.add(r.principal());
        }
        Set<Revoke> cut = new HashSet<>(revokes);
        Set<Holding> lost = new TreeSet<>();
        for (String principal : affected) {
            Set<String> had = before.getOrDefault(principal, Set.of());
            Set<String> has = holdings(principal, cut, Map.of(principal, had));
            for (String e : had) {
                if (!has.contains(e)) {
                    lost.add(new Holding(principal, e));
                }
            }
        }
        return lost;
    }

    /**
     * The principal's entitlements once {@code cut} are revoked. A grant held via other entitlements holds while
     * none of them is revoked and the principal still holds each it held before (the connector's word is taken for
     * those it did not).
     */
    private Set<String> holdings(String principal, Set<Revoke> cut, Map<String, Set<String>> had) {
        Set<String> held = new LinkedHashSet<>();
        List<GrantEdge> conditional = new ArrayList<>();
        List<String> queue = new ArrayList<>();
        for (GrantEdge g : directGrants(principal)) {
            if (!g.via().isEmpty()) {
                conditional.add(g);
            } else if (!cut.contains(g.ownRevoke()) && held.add(g.entitlement())) {
                queue.add(g.entitlement());
            }
        }
        Set<String> heldBefore = had.getOrDefault(principal, Set.of());
        boolean grew = true;
        while (grew) {
            for (int i = 0; i < queue.size(); i++) {
                for (GrantEdge x : expandsFrom.getOrDefault(queue.get(i), List.of())) {
                    if (!cut.contains(x.ownRevoke()) && held.add(x.entitlement())) {
                        queue.add(x.entitlement());
                    }
                }
            }
            grew = false;
            for (GrantEdge g : conditional) {
                if (held.contains(g.entitlement())) {
                    continue;
                }
                boolean holds = g.via().stream().noneMatch(v -> cut.contains(new Revoke(v, principal)))
                        && g.via().stream().allMatch(v -> held.contains(v) || (had.isEmpty() ? true
                        : !heldBefore.contains(v)));
                if (holds) {
                    held.add(g.entitlement());
                    queue.add(g.entitlement());
                    grew = true;
                }
            }
        }
        return held;
    }

    /**
     * The organization's owners: holders of an entitlement of a role resource whose id is {@code owner} (the
     * resource's type has the ROLE trait), counting principals whose type has the USER trait.
     *
     * @return each owner entitlement with its holders now
     */
    public Map<String, Set<String>> owners() {
        Map<String, Set<String>> owners = new HashMap<>();
        entitlementResource.forEach((entitlement, resource) -> {
            int colon = resource.indexOf(':');
            String type = resource.substring(0, colon);
            if (resource.substring(colon + 1).equals("owner") && traits.getOrDefault(type, Set.of())
                    .contains(ROLE_TRAIT)) {
                Set<String> people = new TreeSet<>();
                for (String p : holders.getOrDefault(entitlement, Set.of())) {
                    if (traits.getOrDefault(p.substring(0, p.indexOf(':')), Set.of()).contains(USER_TRAIT)) {
                        people.add(p);
                    }
                }
                owners.put(entitlement, people);
            }
        });
        return owners;
    }
}
