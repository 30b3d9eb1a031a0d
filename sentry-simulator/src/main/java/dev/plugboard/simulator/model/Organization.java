package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;

/** The simulated organization itself. */
public record Organization(String id, String slug, String name, Instant dateCreated) {

    /** Checks every component. */
    public Organization {
        Checks.id(id, "id");
        Checks.nonBlank(slug, "slug");
        Checks.nonBlank(name, "name");
        Objects.requireNonNull(dateCreated, "dateCreated");
    }
}
