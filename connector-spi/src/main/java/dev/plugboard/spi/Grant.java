package dev.plugboard.spi;

import java.util.List;

/**
 * A principal holds an entitlement.
 *
 * <p>When {@link #expandableFrom()} is not empty the grant is expandable: every holder of any of those
 * entitlements holds this grant's entitlement too. For example the grant "team 7 has access to project 3" is
 * expandable from {@code team:7:member}, so each member of team 7 has access to project 3; the host computes
 * those effective grants, the connector lists only the one grant.
 *
 * @param id             globally unique id, stable across syncs (convention: {@code entitlementId:principalType:principalId})
 * @param entitlementId  the entitlement held
 * @param principal      who holds it
 * @param expandableFrom entitlement ids whose holders also hold it, usually none
 */
public record Grant(String id, String entitlementId, ResourceRef principal, List<String> expandableFrom) {

    /** Checks and copies. */
    public Grant {
        Checks.text(id, "id");
        Checks.text(entitlementId, "entitlementId");
        Checks.present(principal, "principal");
        expandableFrom = List.copyOf(Checks.noNulls(expandableFrom, "expandableFrom"));
    }

    /** @return a plain grant with the conventional id */
    public static Grant of(String entitlementId, ResourceRef principal) {
        return new Grant(idOf(entitlementId, principal), entitlementId, principal, List.of());
    }

    /** @return an expandable grant with the conventional id */
    public static Grant expandable(String entitlementId, ResourceRef principal, List<String> expandableFrom) {
        return new Grant(idOf(entitlementId, principal), entitlementId, principal, expandableFrom);
    }

    /** @return the conventional grant id {@code entitlementId:principalType:principalId} */
    public static String idOf(String entitlementId, ResourceRef principal) {
        return entitlementId + ":" + principal.type() + ":" + principal.id();
    }

    /** @return whether holders of other entitlements hold this one too */
    public boolean isExpandable() {
        return !expandableFrom.isEmpty();
    }
}
