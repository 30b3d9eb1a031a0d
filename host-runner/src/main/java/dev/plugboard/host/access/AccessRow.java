package dev.plugboard.host.access;

import java.util.List;
import java.util.Objects;

/**
 * One principal holding one entitlement, and how. Unknown names are empty strings.
 *
 * @param principalType            the principal's resource type
 * @param principalId              the principal's id
 * @param principalName            the principal's display name
 * @param entitlementId            the entitlement held
 * @param entitlementResourceType  the type of the resource the entitlement belongs to
 * @param entitlementResourceId    that resource's id
 * @param entitlementResourceName  that resource's display name
 * @param entitlementSlug          the entitlement's slug
 * @param path                     {@code direct}, or the entitlement ids the access flows through, joined with
 *                                 {@code " -> "} (e.g. {@code team:7:member -> project:3:access}); one row per path
 * @param grantId                  the grant it comes from: the direct grant, or the expandable grant of the last step
 * @param principalLastLogin       the principal's {@code lastLogin} profile value, when the connector gives one
 * @param principalLastActive      the principal's {@code lastActive} profile value, when the connector gives one
 */
public record AccessRow(String principalType, String principalId, String principalName, String entitlementId,
                        String entitlementResourceType, String entitlementResourceId, String entitlementResourceName,
                        String entitlementSlug, String path, String grantId, String principalLastLogin,
                        String principalLastActive) {

    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("principalType", "principalId", "principalName",
            "entitlementId", "entitlementResourceType", "entitlementResourceId", "entitlementResourceName",
            "entitlementSlug", "path", "grantId", "principalLastLogin", "principalLastActive");

    /** Checks that no component is null. */
    public AccessRow {
        for (Object o : values0(principalType, principalId, principalName, entitlementId, entitlementResourceType,
                entitlementResourceId, entitlementResourceName, entitlementSlug, path, grantId, principalLastLogin,
                principalLastActive)) {
            Objects.requireNonNull(o, "access row values must not be null (use empty text)");
        }
    }

    private static Object[] values0(Object... v) {
        return v;
    }

    /** @return the values in {@link #COLUMNS} order */
    public List<String> values() {
        return List.of(principalType, principalId, principalName, entitlementId, entitlementResourceType,
                entitlementResourceId, entitlementResourceName, entitlementSlug, path, grantId, principalLastLogin,
                principalLastActive);
    }
}
