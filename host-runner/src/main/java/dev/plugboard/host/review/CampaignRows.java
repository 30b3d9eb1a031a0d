package dev.plugboard.host.review;

import dev.plugboard.host.access.AccessRow;
import dev.plugboard.host.access.EffectiveAccess;
import dev.plugboard.host.store.ReviewStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Groups {@code plugboard access} rows (one per path) into review rows: one per principal and entitlement. */
public final class CampaignRows {
    private CampaignRows() {
    }

    /**
     * @param access the effective access
     * @param which  the access rows to keep
     * @return one row per principal and entitlement, with every path, in the access table's order
     */
    public static List<ReviewStore.Row> of(EffectiveAccess access, Predicate<AccessRow> which) {
        List<ReviewStore.Row> rows = new ArrayList<>();
        List<AccessRow> group = new ArrayList<>();
        access.forEachRow(row -> {
            if (!which.test(row)) {
                return;
            }
            if (!group.isEmpty() && !sameHolding(group.get(0), row)) {
                rows.add(row(group));
                group.clear();
            }
            group.add(row);
        });
        if (!group.isEmpty()) {
            rows.add(row(group));
        }
        return rows;
    }

    private static boolean sameHolding(AccessRow a, AccessRow b) {
        return a.principalType().equals(b.principalType()) && a.principalId().equals(b.principalId())
                && a.entitlementId().equals(b.entitlementId());
    }

    private static ReviewStore.Row row(List<AccessRow> group) {
        AccessRow first = group.get(0);
        List<ReviewStore.Path> paths = group.stream().map(r -> new ReviewStore.Path(r.path(), r.grantId())).toList();
        return new ReviewStore.Row(0, first.principalType() + ":" + first.principalId(), first.principalName(),
                first.entitlementId(), first.entitlementResourceType(), first.entitlementResourceId(),
                first.entitlementResourceName(), first.entitlementSlug(), paths, first.principalLastLogin(),
                first.principalLastActive());
    }
}
