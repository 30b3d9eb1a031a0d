package dev.plugboard.host.review;

import dev.plugboard.host.store.ReviewStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns decisions into a plan of direct revokes, checked against the campaign and the store's latest completed sync.
 *
 * <p>A row is refused when it is unknown (another campaign, or access the campaign does not list), duplicated or
 * conflicting (the same access decided twice), stale (its paths differ in the latest sync), has no reviewer, or
 * when its revoke would take away more than was decided and the reviewer did not choose that in {@code remove}:
 * <ul>
 *   <li>empty: on each path, the principal's own grant (the member from the team); refused when that takes away
 *       anything not decided revoke (the team's other projects), naming the choices;</li>
 *   <li>{@code own}: the same, accepting what else it takes away;</li>
 *   <li>{@code grant}: on each path, the grant that gives the entitlement (the team from the project: every member
 *       of the team loses it);</li>
 *   <li>grant ids ({@code team:7:member:user:42}, separated by spaces): exactly those revokes, which must cut every
 *       path.</li>
 * </ul>
 * A revoke never takes away access decided keep, and the plan never leaves the organization without an owner.
 */
public final class ReviewPlanner {
    private static final int LISTED = 8;

    private final long campaignId;
    private final Map<AccessGraph.Holding, ReviewStore.Row> campaign = new HashMap<>();
    private final Map<AccessGraph.Holding, ReviewStore.Row> latest;
    private final long latestSyncId;
    private final AccessGraph graph;

    /**
     * @param campaignId   the campaign
     * @param rows         its rows
     * @param latest       the same access in the latest completed sync (at least the decided principals')
     * @param latestSyncId that sync
     * @param graph        that sync's grants
     */
    public ReviewPlanner(long campaignId, List<ReviewStore.Row> rows, List<ReviewStore.Row> latest,
                         long latestSyncId, AccessGraph graph) {
        this.campaignId = campaignId;
        rows.forEach(r -> campaign.put(new AccessGraph.Holding(r.principal(), r.entitlementId()), r));
        this.latest = new HashMap<>();
        latest.forEach(r -> this.latest.put(new AccessGraph.Holding(r.principal(), r.entitlementId()), r));
        this.latestSyncId = latestSyncId;
        this.graph = graph;
    }

    /**
     * @param rows the file's rows (rows without a decision are skipped)
     * @return the plan
     */
    public ReviewPlan plan(List<ReviewCsv.DecidedRow> rows) {
        Map<Integer, String> refused = new LinkedHashMap<>();
        Map<AccessGraph.Holding, ReviewCsv.DecidedRow> first = new HashMap<>();
        List<ReviewCsv.DecidedRow> decided = new ArrayList<>();
        for (ReviewCsv.DecidedRow r : rows) {
            if (r.decision().isEmpty()) {
                continue;
            }
            decided.add(r);
            check(r, first).ifPresent(why -> refused.put(r.fileRow(), why));
        }
        Set<AccessGraph.Holding> revoked = new LinkedHashSet<>();
        Map<AccessGraph.Holding, Integer> kept = new HashMap<>();
        for (ReviewCsv.DecidedRow r : decided) {
            if (!refused.containsKey(r.fileRow())) {
                if (r.decision().equals("revoke")) {
                    revoked.add(r.holding());
                } else {
                    kept.put(r.holding(), r.fileRow());
                }
            }
        }
        Map<Integer, List<AccessGraph.Revoke>> cuts = new LinkedHashMap<>();
        for (ReviewCsv.DecidedRow r : decided) {
            if (!refused.containsKey(r.fileRow()) && r.decision().equals("revoke")) {
                try {
                    cuts.put(r.fileRow(), cutsOf(r, revoked, kept));
                } catch (Refused e) {
                    refused.put(r.fileRow(), e.getMessage());
                }
            }
        }
        cuts.keySet().removeAll(refused.keySet());
        List<AccessGraph.Revoke> all = cuts.values().stream().flatMap(List::stream).distinct().toList();
        Set<AccessGraph.Holding> lost = graph.lost(all);
        kept.forEach((holding, row) -> {
            if (lost.contains(holding)) {
                refused.put(row, "decided keep, but the revokes of rows " + rowsCutting(cuts, holding)
                        + " together take this access away; decide revoke, or choose other grants in their remove");
            }
        });
        graph.owners().forEach((owner, holders) -> {
            if (!holders.isEmpty() && holders.stream().allMatch(p -> lost.contains(new AccessGraph.Holding(p, owner)))) {
                for (Map.Entry<Integer, List<AccessGraph.Revoke>> c : cuts.entrySet()) {
                    if (graph.lost(c.getValue()).stream().anyMatch(h -> h.entitlement().equals(owner))) {
                        refused.put(c.getKey(), "would remove the organization's last owner (" + owner + " is held by "
                                + String.join(", ", holders) + " only): make someone else owner first");
                    }
                }
            }
        });
        List<ReviewStore.Decision> decisions = decided.stream().map(r -> new ReviewStore.Decision(r.fileRow(),
                r.principal(), r.entitlement(), r.decision(), r.reviewer(), r.comment(), r.remove(),
                refused.containsKey(r.fileRow()) ? "refused: " + refused.get(r.fileRow()) : "accepted")).toList();
        List<String> refusals = new ArrayList<>();
        refused.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> refusals.add("row " + e.getKey() + ": " + e.getValue()));
        if (!refusals.isEmpty()) {
            return new ReviewPlan(decisions, refusals, List.of());
        }
        Map<Integer, AccessGraph.Holding> holdingOfRow = new HashMap<>();
        decided.forEach(r -> holdingOfRow.put(r.fileRow(), r.holding()));
        return new ReviewPlan(decisions, refusals, revokes(cuts, holdingOfRow));
    }

    /** @return the distinct revokes in row order, each with the rows it serves and what else it takes away */
    private List<ReviewPlan.PlannedRevoke> revokes(Map<Integer, List<AccessGraph.Revoke>> cuts,
                                                   Map<Integer, AccessGraph.Holding> holdingOfRow) {
        Map<AccessGraph.Revoke, List<Integer>> rowsOf = new LinkedHashMap<>();
        cuts.forEach((row, revokes) -> revokes.forEach(r -> rowsOf.computeIfAbsent(r, k -> new ArrayList<>())
                .add(row)));
        List<ReviewPlan.PlannedRevoke> out = new ArrayList<>();
        rowsOf.forEach((revoke, forRows) -> {
            Set<AccessGraph.Holding> served = new java.util.HashSet<>();
            forRows.forEach(n -> served.add(holdingOfRow.get(n)));
            List<String> also = graph.lost(List.of(revoke)).stream().filter(h -> !served.contains(h))
                    .map(AccessGraph.Holding::toString).toList();
            out.add(new ReviewPlan.PlannedRevoke(revoke, forRows, also));
        });
        return out;
    }

    private Optional<String> check(ReviewCsv.DecidedRow r, Map<AccessGraph.Holding, ReviewCsv.DecidedRow> first) {
        if (!r.decision().equals("keep") && !r.decision().equals("revoke")) {
            return Optional.of("decision '" + r.decision() + "' is not keep, revoke or empty");
        }
        if (!r.campaign().equals(Long.toString(campaignId))) {
            return Optional.of("unknown: it belongs to campaign '" + r.campaign() + "', not " + campaignId);
        }
        ReviewStore.Row row = campaign.get(r.holding());
        if (row == null) {
            return Optional.of("unknown: campaign " + campaignId + " does not list " + r.principal() + " holding "
                    + r.entitlement());
        }
        ReviewCsv.DecidedRow earlier = first.putIfAbsent(r.holding(), r);
        if (earlier != null) {
            return Optional.of(earlier.decision().equals(r.decision()) ? "duplicates row " + earlier.fileRow()
                    : "conflicts with row " + earlier.fileRow() + " (" + earlier.decision() + " there, " + r.decision()
                    + " here)");
        }
        if (r.reviewer().isEmpty()) {
            return Optional.of("no reviewer: say who decided in the reviewer column");
        }
        if (r.decision().equals("keep") && !r.remove().isEmpty()) {
            return Optional.of("remove is for revoke decisions; empty it or decide revoke");
        }
        ReviewStore.Row now = latest.get(r.holding());
        if (now == null) {
            return Optional.of("stale: " + r.principal() + " no longer holds " + r.entitlement() + " in sync "
                    + latestSyncId + " (the campaign listed it through " + paths(row) + ")");
        }
        if (!now.paths().equals(row.paths())) {
            return Optional.of("stale: the access changed since the campaign started: sync " + latestSyncId
                    + " lists it through " + paths(now) + ", the campaign through " + paths(row)
                    + "; start a new campaign to review it");
        }
        return Optional.empty();
    }

    private static String paths(ReviewStore.Row row) {
        return String.join("; ", row.paths().stream().map(ReviewStore.Path::path).toList());
    }

    /** @return the revokes the row's decision and remove choice stand for */
    private List<AccessGraph.Revoke> cutsOf(ReviewCsv.DecidedRow r, Set<AccessGraph.Holding> revoked,
                                            Map<AccessGraph.Holding, Integer> kept) throws Refused {
        ReviewStore.Row row = campaign.get(r.holding());
        List<PathCuts> paths = new ArrayList<>();
        for (ReviewStore.Path p : row.paths()) {
            paths.add(PathCuts.resolve(graph, r.principal(), p).orElseThrow(() -> new Refused("cannot follow the"
                    + " path " + p.path() + " (grant " + p.grantId() + ") in sync " + latestSyncId)));
        }
        String choice = r.remove();
        List<AccessGraph.Revoke> cuts;
        if (choice.isEmpty() || choice.equals("own")) {
            cuts = own(paths, revoked);
        } else if (choice.equals("grant")) {
            cuts = last(paths, revoked);
        } else {
            cuts = new ArrayList<>();
            Set<AccessGraph.Revoke> candidates = new LinkedHashSet<>();
            paths.forEach(p -> candidates.addAll(p.candidates()));
            for (String id : choice.split("[\\s,;]+")) {
                AccessGraph.Revoke named = parse(id);
                if (!candidates.contains(named)) {
                    throw new Refused("remove '" + id + "' is not a grant on this access's paths; choose own, grant,"
                            + " or among " + ids(candidates));
                }
                cuts.add(named);
            }
        }
        Set<AccessGraph.Holding> lost = graph.lost(cuts);
        if (!lost.contains(r.holding())) {
            throw new Refused("revoking " + ids(cuts) + " leaves " + r.principal() + " holding " + r.entitlement()
                    + " (a path is not cut); choose a grant on every path: " + paths(row));
        }
        for (AccessGraph.Holding h : lost) {
            Integer keep = kept.get(h);
            if (keep != null) {
                throw new Refused("revoking " + ids(cuts) + " also takes away " + h + ", decided keep in row " + keep);
            }
        }
        if (choice.isEmpty()) {
            Set<AccessGraph.Holding> wider = new TreeSet<>(lost);
            wider.removeAll(revoked);
            if (!wider.isEmpty()) {
                throw new Refused("revoking " + ids(cuts) + " also takes away " + list(wider) + ", not decided revoke;"
                        + " to accept, write own in remove" + alternative(paths, revoked));
            }
        }
        return cuts;
    }

    private String alternative(List<PathCuts> paths, Set<AccessGraph.Holding> revoked) {
        try {
            List<AccessGraph.Revoke> last = last(paths, revoked);
            if (last.equals(own(paths, revoked))) {
                return "";
            }
            Set<AccessGraph.Holding> wider = new TreeSet<>(graph.lost(last));
            wider.removeAll(revoked);
            return "; or write grant to revoke " + ids(last) + " instead" + (wider.isEmpty() ? " (takes away nothing"
                    + " else)" : " (takes away " + list(wider) + ")");
        } catch (Refused e) {
            return "";
        }
    }

    /**
     * The principal's own grant on each path. A grant held via other entitlements has no own revoke: the one of
     * those the same file decides to revoke is used, else the reviewer must name one.
     */
    private static List<AccessGraph.Revoke> own(List<PathCuts> paths, Set<AccessGraph.Holding> revoked)
            throws Refused {
        List<AccessGraph.Revoke> cuts = new ArrayList<>();
        for (PathCuts p : paths) {
            Optional<AccessGraph.Revoke> decided = p.via() ? p.own().stream().filter(r -> revoked.contains(
                    new AccessGraph.Holding(r.principal(), r.entitlement()))).findFirst() : Optional.empty();
            if (decided.isPresent()) {
                cuts.add(decided.get());
            } else if (p.via()) {
                throw new Refused("the path " + p.path() + " is held through " + ids(p.own()) + " together, so"
                        + " revoking the entitlement alone would not remove it: name the one to revoke in remove ("
                        + ids(p.own()) + ")");
            } else {
                cuts.addAll(p.own());
            }
        }
        return cuts.stream().distinct().toList();
    }

    private static List<AccessGraph.Revoke> last(List<PathCuts> paths, Set<AccessGraph.Holding> revoked)
            throws Refused {
        List<AccessGraph.Revoke> cuts = new ArrayList<>();
        for (PathCuts p : paths) {
            if (p.steps().isEmpty()) {
                cuts.addAll(own(List.of(p), revoked));
            } else {
                cuts.addAll(p.last());
            }
        }
        return cuts.stream().distinct().toList();
    }

    private static AccessGraph.Revoke parse(String grantId) throws Refused {
        int idAt = grantId.lastIndexOf(':');
        int typeAt = idAt <= 0 ? -1 : grantId.lastIndexOf(':', idAt - 1);
        if (typeAt <= 0 || idAt == grantId.length() - 1 || idAt - typeAt < 2) {
            throw new Refused("remove '" + grantId + "' is not own, grant, or a grant id ENTITLEMENT:TYPE:ID"
                    + " (e.g. team:7:member:user:42)");
        }
        return new AccessGraph.Revoke(grantId.substring(0, typeAt), grantId.substring(typeAt + 1));
    }

    private String rowsCutting(Map<Integer, List<AccessGraph.Revoke>> cuts, AccessGraph.Holding holding) {
        List<String> rows = cuts.entrySet().stream().filter(c -> graph.lost(c.getValue()).contains(holding))
                .map(c -> String.valueOf(c.getKey())).toList();
        return String.join(", ", rows.isEmpty() ? cuts.keySet().stream().map(String::valueOf).toList() : rows);
    }

    private static String ids(Collection<AccessGraph.Revoke> revokes) {
        return String.join(" ", revokes.stream().map(AccessGraph.Revoke::id).toList());
    }

    private static String list(Set<AccessGraph.Holding> holdings) {
        List<String> shown = holdings.stream().limit(LISTED).map(AccessGraph.Holding::toString).toList();
        return String.join(", ", shown) + (holdings.size() > LISTED ? " and " + (holdings.size() - LISTED) + " more"
                : "");
    }

    /** A row refused while planning, with the reason. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
