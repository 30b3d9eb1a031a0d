package dev.plugboard.host.review;

import dev.plugboard.host.store.ReviewStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a path of access can be cut: the grants along it, resolved in the graph. A path
 * {@code team:7:member -> project:3:access} of {@code user:42} is the member's own grant of {@code team:7:member}
 * (cut by removing the member from the team), then the team's expandable grant of {@code project:3:access} (cut
 * by removing the team from the project). A first grant held via other entitlements ({@code A + B -> e}) is cut
 * by revoking any one of them, never by revoking {@code e}.
 *
 * @param path   the path's text
 * @param own    the revokes, any one of which cuts the principal's own grant (one, or one per via entitlement)
 * @param via    whether the own grant is held via other entitlements
 * @param steps  for each expansion step, the revokes that together cut it
 */
record PathCuts(String path, List<AccessGraph.Revoke> own, boolean via, List<List<AccessGraph.Revoke>> steps) {

    /** @return the revokes that cut the grant that gives the entitlement (the last step), or the own grant's */
    List<AccessGraph.Revoke> last() {
        return steps.isEmpty() ? own : steps.get(steps.size() - 1);
    }

    /** @return every revoke that cuts this path somewhere */
    Set<AccessGraph.Revoke> candidates() {
        Set<AccessGraph.Revoke> all = new LinkedHashSet<>(own);
        steps.forEach(all::addAll);
        return all;
    }

    /**
     * @param graph     the grants
     * @param principal who holds the access
     * @param p         the path, with the grant of its last step
     * @return where it can be cut, or empty when the graph does not have this path
     */
    static Optional<PathCuts> resolve(AccessGraph graph, String principal, ReviewStore.Path p) {
        if (p.path().equals("direct")) {
            return graph.grant(p.grantId()).filter(g -> g.principal().equals(principal))
                    .map(g -> new PathCuts(p.path(), ownOf(g), !g.via().isEmpty(), List.of()));
        }
        for (AccessGraph.GrantEdge g : graph.directGrants(principal)) {
            String prefix = g.via().isEmpty() ? g.entitlement()
                    : String.join(" + ", g.via()) + " -> " + g.entitlement();
            if (p.path().equals(prefix)) {
                if (g.id().equals(p.grantId())) {
                    return Optional.of(new PathCuts(p.path(), ownOf(g), !g.via().isEmpty(), List.of()));
                }
                continue;
            }
            if (!p.path().startsWith(prefix + " -> ")) {
                continue;
            }
            String[] rest = p.path().substring(prefix.length() + 4).split(" -> ", -1);
            List<List<AccessGraph.Revoke>> steps = new ArrayList<>();
            String from = g.entitlement();
            boolean ok = true;
            for (int i = 0; i < rest.length && ok; i++) {
                boolean lastStep = i == rest.length - 1;
                List<AccessGraph.Revoke> step = graph.expansions(from, rest[i]).stream()
                        .filter(x -> !lastStep || x.id().equals(p.grantId())).map(AccessGraph.GrantEdge::ownRevoke)
                        .distinct().toList();
                ok = !step.isEmpty();
                steps.add(step);
                from = rest[i];
            }
            if (ok) {
                return Optional.of(new PathCuts(p.path(), ownOf(g), !g.via().isEmpty(), steps));
            }
        }
        return Optional.empty();
    }

    private static List<AccessGraph.Revoke> ownOf(AccessGraph.GrantEdge g) {
        return g.via().isEmpty() ? List.of(g.ownRevoke())
                : g.via().stream().map(v -> new AccessGraph.Revoke(v, g.principal())).toList();
    }
}
