package dev.plugboard.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One synced resource: a user, a team, a project, a role.
 *
 * @param ref         its type and id
 * @param parent      the resource it belongs to, when it is listed under one
 * @param displayName a name for people
 * @param profile     attributes as JSON-shaped JDK values (strings, numbers, booleans, {@link java.time.Instant},
 *                    lists, maps, null); never secrets
 * @param childTypes  resource types the host should list under this resource (as {@code parent}); usually none
 */
public record Resource(ResourceRef ref, Optional<ResourceRef> parent, String displayName, Map<String, Object> profile,
                       List<String> childTypes) {

    /** Checks and deep-copies. */
    public Resource {
        Checks.present(ref, "ref");
        Checks.present(parent, "parent");
        Checks.present(displayName, "displayName");
        profile = JsonValues.copyObject(profile, "profile");
        childTypes = List.copyOf(Checks.noNulls(childTypes, "childTypes"));
    }

    /** @return a resource with no parent and no child types */
    public static Resource of(ResourceRef ref, String displayName, Map<String, ?> profile) {
        return new Resource(ref, Optional.empty(), displayName, JsonValues.copyObject(profile, "profile"), List.of());
    }

    /** @return the type id */
    public String type() {
        return ref.type();
    }

    /** @return the id within the type */
    public String id() {
        return ref.id();
    }
}
