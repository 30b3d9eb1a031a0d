package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An error event of an issue, with its tags and its full-body {@code entries[]}. */
public record Event(String eventId, String issueId, String projectId, String title, String message, String culprit,
                    String platform, Instant dateCreated, ProjectUser user, Map<String, String> tags,
                    List<EventEntry> entries) {

    /** Checks every component and copies the collections. */
    public Event {
        Checks.nonBlank(eventId, "eventId");
        Checks.id(issueId, "issueId");
        Checks.id(projectId, "projectId");
        Checks.nonBlank(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(culprit, "culprit");
        Checks.nonBlank(platform, "platform");
        Objects.requireNonNull(dateCreated, "dateCreated");
        Objects.requireNonNull(user, "user");
        tags = Map.copyOf(tags);
        entries = List.copyOf(entries);
    }
}
