package dev.plugboard.spi;

import java.util.Set;

/**
 * Something a resource lets a principal have: membership of a team, access to a project, a role's assignment.
 *
 * @param id          globally unique id, stable across syncs, used by provisioning commands
 *                    (convention: {@code type:resourceId:slug}, e.g. {@code team:7:member})
 * @param resource    the resource it belongs to
 * @param slug        short name within the resource, e.g. {@code member}, {@code admin}, {@code access}
 * @param displayName a name for people
 * @param purpose     whether holding it is a membership or a permission
 * @param grantableTo resource type ids of principals that may hold it
 */
public record Entitlement(String id, ResourceRef resource, String slug, String displayName, Purpose purpose,
                          Set<String> grantableTo) {

    /** Whether an entitlement is a membership or a permission. */
    public enum Purpose {
        /** Being a member or holding a role (team membership, org role). */
        ASSIGNMENT,
        /** Being allowed to do something (access to a project). */
        PERMISSION
    }

    /** Checks every component. */
    public Entitlement {
        Checks.text(id, "id");
        Checks.present(resource, "resource");
        Checks.text(slug, "slug");
        Checks.present(displayName, "displayName");
        Checks.present(purpose, "purpose");
        grantableTo = Set.copyOf(Checks.noNulls(grantableTo, "grantableTo"));
        if (grantableTo.isEmpty()) {
            throw new IllegalArgumentException("entitlement " + id + " must be grantable to at least one resource type");
        }
    }

    /** @return the conventional entitlement id {@code type:resourceId:slug} */
    public static String idOf(ResourceRef resource, String slug) {
        return resource.type() + ":" + resource.id() + ":" + slug;
    }
}
