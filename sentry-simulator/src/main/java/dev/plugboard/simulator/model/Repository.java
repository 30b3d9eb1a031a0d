package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;

/** A code repository connected to the organization; {@code status} is {@code active} or {@code hidden}. */
public record Repository(String id, String name, String url, String provider, String status, String externalSlug,
                         String integrationId, Instant dateCreated) {

    /** Checks every component. */
    public Repository {
        Checks.id(id, "id");
        Checks.nonBlank(name, "name");
        Checks.nonBlank(url, "url");
        Checks.nonBlank(provider, "provider");
        Checks.nonBlank(status, "status");
        Checks.nonBlank(externalSlug, "externalSlug");
        Checks.id(integrationId, "integrationId");
        Objects.requireNonNull(dateCreated, "dateCreated");
    }

    /** Whether the repository is active (not deleted or hidden). */
    public boolean active() {
        return status.equals("active");
    }
}
