package dev.plugboard.host.review;

import dev.plugboard.host.store.ReviewStore;
import java.util.List;

/**
 * What {@code review apply} makes of a decisions file: every decision with its verdict, the refusals (the whole file
 * is refused when there is one: nothing is sent), and the revokes to send.
 *
 * @param decisions the decided rows, with {@code accepted} or the reason they were refused
 * @param refusals  one line per refused row, {@code row N: why}
 * @param revokes   the revokes, in order
 */
public record ReviewPlan(List<ReviewStore.Decision> decisions, List<String> refusals, List<PlannedRevoke> revokes) {
    /** Copies. */
    public ReviewPlan {
        decisions = List.copyOf(decisions);
        refusals = List.copyOf(refusals);
        revokes = List.copyOf(revokes);
    }

    /**
     * One revoke of the plan.
     *
     * @param revoke      what to revoke from whom
     * @param forRows     the file rows it serves
     * @param alsoRemoves everything else it takes away ({@code principal entitlement}), beyond those rows' access
     */
    public record PlannedRevoke(AccessGraph.Revoke revoke, List<Integer> forRows, List<String> alsoRemoves) {
        /** Copies. */
        public PlannedRevoke {
            forRows = List.copyOf(forRows);
            alsoRemoves = List.copyOf(alsoRemoves);
        }
    }
}
