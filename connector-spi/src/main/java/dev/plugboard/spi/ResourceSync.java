package dev.plugboard.spi;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Lists who has access to what, page by page, so the host can run calls concurrently, checkpoint page tokens and
 * resume an interrupted sync.
 *
 * <p>The host walks it like this: for each type of {@link #resourceTypes()}, {@link #resources} with no parent;
 * for each resource, {@link #resources} of each of its {@link Resource#childTypes()} with it as parent; and for
 * every resource, {@link #entitlements} and {@link #grants}. All pages of every listing are read until the page
 * token runs out. The host may call any of these concurrently and in any order, and may call them again for the
 * same arguments in a later process (when resuming); a token handed out must stay valid for that.
 */
public interface ResourceSync {

    /** @return every resource type this connector syncs; constant for the connector's life */
    List<ResourceType> resourceTypes();

    /**
     * Lists resources of a type.
     *
     * @param type      a type id from {@link #resourceTypes()}
     * @param parent    the parent resource when listing children, or empty for top-level resources (a type that
     *                  exists only as children answers an empty last page)
     * @param pageToken empty for the first page, else a token from the previous page
     * @return the page
     */
    CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent, Optional<String> pageToken);

    /**
     * Lists the entitlements a resource offers.
     *
     * @param resource  a resource this connector listed
     * @param pageToken empty for the first page, else a token from the previous page
     * @return the page
     */
    CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> pageToken);

    /**
     * Lists grants learned from a resource: usually grants of its own entitlements (a team's members), but a
     * connector may report a principal's grants from the principal (a user's role), whichever the remote system
     * tells more cheaply. Every grant is reported from exactly one resource.
     *
     * @param resource  a resource this connector listed
     * @param pageToken empty for the first page, else a token from the previous page
     * @return the page
     */
    CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> pageToken);
}
