package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;

/** An issue (Sentry's group) of a project; its events are {@link ProjectData#events()} with its id. */
public record Issue(String id, String shortId, String projectId, String title, String culprit, String level,
                    String status, String platform, String type, Instant firstSeen, Instant lastSeen, long count,
                    int userCount) {

    /** Checks every component. */
    public Issue {
        Checks.id(id, "id");
        Checks.nonBlank(shortId, "shortId");
        Checks.id(projectId, "projectId");
        Checks.nonBlank(title, "title");
        Objects.requireNonNull(culprit, "culprit");
        Checks.nonBlank(level, "level");
        Checks.nonBlank(status, "status");
        Checks.nonBlank(platform, "platform");
        Checks.nonBlank(type, "type");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Checks.nonNegative(userCount, "userCount");
    }
}
