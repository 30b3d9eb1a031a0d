package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;

/** A legacy user report (user feedback) attached to an event. */
public record Feedback(String id, String eventId, String issueId, String projectId, String name, String email,
                       String comments, Instant dateCreated) {

    /** Checks every component. */
    public Feedback {
        Checks.id(id, "id");
        Checks.nonBlank(eventId, "eventId");
        Checks.id(issueId, "issueId");
        Checks.id(projectId, "projectId");
        Checks.nonBlank(name, "name");
        Checks.nonBlank(email, "email");
        Objects.requireNonNull(comments, "comments");
        Objects.requireNonNull(dateCreated, "dateCreated");
    }
}
