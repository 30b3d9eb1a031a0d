package dev.plugboard.host.sync;

import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import java.util.Objects;
import java.util.Optional;

/** One paged listing the sync walks: resources of a type (under a parent), or a resource's entitlements or grants. */
public sealed interface Listing {

    /** @return a description for messages, e.g. {@code grants of team:7} */
    String describe();

    /**
     * Resources of a type.
     *
     * @param type   the type id
     * @param parent the parent, when listing children
     */
    record Resources(String type, Optional<ResourceRef> parent) implements Listing {
        /** Checks every component. */
        public Resources {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(parent, "parent");
        }

        @Override
        public String describe() {
            return "resources of type " + type + parent.map(p -> " under " + p).orElse("");
        }
    }

    /** @param resource the resource whose entitlements are listed */
    record Entitlements(Resource resource) implements Listing {
        /** Checks the resource. */
        public Entitlements {
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public String describe() {
            return "entitlements of " + resource.ref();
        }
    }

    /** @param resource the resource whose grants are listed */
    record Grants(Resource resource) implements Listing {
        /** Checks the resource. */
        public Grants {
            Objects.requireNonNull(resource, "resource");
        }

        @Override
        public String describe() {
            return "grants of " + resource.ref();
        }
    }
}
