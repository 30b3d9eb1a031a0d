package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;

/** An end user seen by a project (Sentry's EventUser); also the user of events and feedback. */
public record ProjectUser(String id, String identifier, String username, String email, String name, String ipAddress,
                          Instant dateCreated) {

    /** Checks every component. */
    public ProjectUser {
        Checks.id(id, "id");
        Checks.nonBlank(identifier, "identifier");
        Checks.nonBlank(username, "username");
        Checks.nonBlank(email, "email");
        Checks.nonBlank(name, "name");
        Checks.nonBlank(ipAddress, "ipAddress");
        Objects.requireNonNull(dateCreated, "dateCreated");
    }

    /** The tag value Sentry shows for the user, {@code id:<identifier>}. */
    public String tagValue() {
        return "id:" + identifier;
    }
}
