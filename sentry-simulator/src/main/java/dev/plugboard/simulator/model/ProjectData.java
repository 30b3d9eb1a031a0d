package dev.plugboard.simulator.model;

import java.util.List;

/**
 * A project's report data: issues (newest last seen first), events (newest first), feedback and users.
 * Generated on first use from the seed and the project's id, so it is the same whatever the access order.
 */
public record ProjectData(String projectId, List<Issue> issues, List<Event> events, List<Feedback> feedback,
                          List<ProjectUser> users) {

    /** Checks every component and copies the lists. */
    public ProjectData {
        Checks.id(projectId, "projectId");
        issues = List.copyOf(issues);
        events = List.copyOf(events);
        feedback = List.copyOf(feedback);
        users = List.copyOf(users);
    }
}
