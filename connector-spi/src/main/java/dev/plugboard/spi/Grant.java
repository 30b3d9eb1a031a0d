package dev.plugboard.spi;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A principal holds an entitlement.
 *
 * <p>When {@link #expandableFrom()} is not empty the grant is expandable: every holder of any of those
 * entitlements holds this grant's entitlement too. For example the grant "team 7 has access to project 3" is
 * expandable from {@code team:7:member}, so each member of team 7 has access to project 3; the host computes
 * those effective grants, the connector lists only the one grant.
 *
 * <p>When {@link #via()} is not empty the principal holds this entitlement <em>through</em> those entitlements,
 * all of them together, not on its own (what baton-sdk calls grant sources): a Sentry manager is a team admin
 * of each team they are in because of their org role and their membership of that team, so that grant is
 * {@code via [role:manager:assigned, team:7:member]}. Revoking any one of them ends this grant; revoking this
 * grant's entitlement alone does not. An access review shows it as the path
 * {@code role:manager:assigned + team:7:member -> team:7:admin}, not as a direct grant.
 *
 * @param id             globally unique id, stable across syncs (convention: {@code entitlementId:principalType:principalId})
 * @param entitlementId  the entitlement held
 * @param principal      who holds it
 * @param expandableFrom entitlement ids whose holders also hold it, usually none
 * @param via            entitlement ids the principal holds this grant through, in the order a reader follows
 *                       them (since SPI 1.1); none for a grant held on its own. Distinct, not the grant's own
 *                       entitlement.
 */
public record Grant(String id, String entitlementId, ResourceRef principal, List<String> expandableFrom,
                    List<String> via) {

    /** Checks and copies. */
    public Grant {
        Checks.text(id, "id");
        Checks.text(entitlementId, "entitlementId");
        Checks.present(principal, "principal");
        expandableFrom = List.copyOf(Checks.noNulls(expandableFrom, "expandableFrom"));
        via = List.copyOf(Checks.noNulls(via, "via"));
        for (String v : via) {
            Checks.text(v, "via");
            if (v.equals(entitlementId)) {
                throw new IllegalArgumentException("grant " + id + " cannot be held via its own entitlement "
                        + entitlementId);
            }
        }
        if (new LinkedHashSet<>(via).size() != via.size()) {
            throw new IllegalArgumentException("grant " + id + " names an entitlement twice in via " + via);
        }
    }

    /**
     * A grant held on its own (the SPI 1.0 constructor, kept for plugins built against it).
     *
     * @param id             globally unique id, stable across syncs
     * @param entitlementId  the entitlement held
     * @param principal      who holds it
     * @param expandableFrom entitlement ids whose holders also hold it, usually none
     */
    public Grant(String id, String entitlementId, ResourceRef principal, List<String> expandableFrom) {
        this(id, entitlementId, principal, expandableFrom, List.of());
    }

    /** @return a plain grant with the conventional id */
    public static Grant of(String entitlementId, ResourceRef principal) {
        return new Grant(idOf(entitlementId, principal), entitlementId, principal, List.of());
    }

    /** @return an expandable grant with the conventional id */
    public static Grant expandable(String entitlementId, ResourceRef principal, List<String> expandableFrom) {
        return new Grant(idOf(entitlementId, principal), entitlementId, principal, expandableFrom);
    }

    /**
     * @param entitlementIds the entitlements the principal holds this grant through (see {@link #via()})
     * @return the same grant, held through those entitlements
     * @throws IllegalArgumentException when an id is blank, repeated, or this grant's own entitlement
     * @since SPI 1.1
     */
    public Grant withVia(List<String> entitlementIds) {
        return new Grant(id, entitlementId, principal, expandableFrom, entitlementIds);
    }

    /** @return the conventional grant id {@code entitlementId:principalType:principalId} */
    public static String idOf(String entitlementId, ResourceRef principal) {
        return entitlementId + ":" + principal.type() + ":" + principal.id();
    }

    /** @return whether holders of other entitlements hold this one too */
    public boolean isExpandable() {
        return !expandableFrom.isEmpty();
    }

    /**
     * @return whether the principal holds this grant through other entitlements ({@link #via()} not empty)
     * @since SPI 1.1
     */
    public boolean isHeldVia() {
        return !via.isEmpty();
    }
}
