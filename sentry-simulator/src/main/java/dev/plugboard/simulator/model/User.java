package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The Sentry user account behind an active organization member. */
public record User(String id, String name, String username, String email, boolean active, boolean has2fa,
                   boolean hasPasswordAuth, boolean managed, Instant dateJoined, Optional<Instant> lastLogin,
                   Optional<Instant> lastActive) {

    /** Checks every component. */
    public User {
        Checks.id(id, "id");
        Objects.requireNonNull(name, "name");
        Checks.nonBlank(username, "username");
        Checks.nonBlank(email, "email");
        Objects.requireNonNull(dateJoined, "dateJoined");
        Objects.requireNonNull(lastLogin, "lastLogin");
        Objects.requireNonNull(lastActive, "lastActive");
    }
}
