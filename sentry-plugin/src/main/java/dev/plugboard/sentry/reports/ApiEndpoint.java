package dev.plugboard.sentry.reports;

/**
 * The Sentry endpoints the reports read. The HTTP layer counts, paces and names requests by endpoint; a
 * {@linkplain #serial() serial} endpoint is never asked twice at once by this connector (Sentry allows one
 * concurrent project-events request per user).
 */
public enum ApiEndpoint {
    /** {@code GET /organizations/}. */
    ORGANIZATIONS(false),
    /** {@code GET /organizations/{org}/teams/}. */
    TEAMS(false),
    /** {@code GET /organizations/{org}/projects/}. */
    PROJECTS(false),
    /** {@code GET /organizations/{org}/repos/}. */
    REPOSITORIES(false),
    /** {@code GET /teams/{org}/{team}/projects/}. */
    TEAM_PROJECTS(false),
    /** {@code GET /projects/{org}/{project}/users/}. */
    PROJECT_USERS(false),
    /** {@code GET /projects/{org}/{project}/user-feedback/}. */
    PROJECT_FEEDBACK(false),
    /** {@code GET /projects/{org}/{project}/events/}: 60 a minute, one at a time. */
    PROJECT_EVENTS(true),
    /** {@code GET /organizations/{org}/issues/}. */
    ISSUES(false),
    /** {@code GET /organizations/{org}/issues/{issue}/events/}. */
    ISSUE_EVENTS(true),
    /** {@code GET /organizations/{org}/stats_v2/}. */
    STATS(false);

    private final boolean serial;

    ApiEndpoint(boolean serial) {
        this.serial = serial;
    }

    /** @return whether requests to this endpoint must go one at a time */
    public boolean serial() {
        return serial;
    }
}
