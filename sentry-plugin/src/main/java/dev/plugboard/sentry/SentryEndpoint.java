package dev.plugboard.sentry;

/**
 * The Sentry endpoints the identity sync and the reports read, each with the scope it needs. The operation name is what
 * requests are counted, paced and reported under (Sentry rate-limits per endpoint, not per URL).
 */
enum SentryEndpoint {
    ORGANIZATION("GET /organizations/{org}/", "org:read", "Organization: Read", "read the organization"),
    MEMBERS("GET /organizations/{org}/members/", "member:read", "Member: Read", "list the organization's members"),
    TEAMS("GET /organizations/{org}/teams/", "org:read", "Organization: Read", "list the organization's teams"),
    PROJECTS("GET /organizations/{org}/projects/", "org:read", "Organization: Read",
            "list the organization's projects"),
    TEAM_MEMBERS("GET /teams/{org}/{team}/members/", "team:read", "Team: Read", "list a team's members"),
    // The reports' endpoints (dev.plugboard.sentry.reports).
    ORGANIZATIONS("GET /organizations/", "org:read", "Organization: Read", "list the organizations"),
    REPOSITORIES("GET /organizations/{org}/repos/", "org:read", "Organization: Read",
            "list the repositories"),
    TEAM_PROJECTS("GET /teams/{org}/{team}/projects/", "project:read", "Project: Read", "list a team's projects"),
    PROJECT_USERS("GET /projects/{org}/{project}/users/", "project:read", "Project: Read",
            "list a project's users"),
    PROJECT_FEEDBACK("GET /projects/{org}/{project}/user-feedback/", "project:read", "Project: Read",
            "list a project's user feedback"),
    PROJECT_EVENTS("GET /projects/{org}/{project}/events/", "event:read", "Issue & Event: Read",
            "list a project's events"),
    ISSUES("GET /organizations/{org}/issues/", "event:read", "Issue & Event: Read", "list the issues"),
    ISSUE_EVENTS("GET /organizations/{org}/issues/{issue}/events/", "event:read", "Issue & Event: Read",
            "list an issue's events"),
    STATS("GET /organizations/{org}/stats_v2/", "org:read", "Organization: Read", "read the event counts");

    private final String operation;
    private final String scope;
    private final String permissionName;
    private final String action;

    SentryEndpoint(String operation, String scope, String permissionName, String action) {
        this.operation = operation;
        this.scope = scope;
        this.permissionName = permissionName;
        this.action = action;
    }

    /** @return e.g. {@code GET /organizations/{org}/members/} */
    String operation() {
        return operation;
    }

    /** @return the token scope the endpoint needs, e.g. {@code member:read} */
    String scope() {
        return scope;
    }

    /** @return the permission's name in Sentry's integration settings, e.g. {@code Member: Read} */
    String permissionName() {
        return permissionName;
    }

    /** @return what the request does, for messages: "list the organization's members" */
    String action() {
        return action;
    }

    /** @return the finding/error code for a missing scope, e.g. {@code scope.missing.member-read} */
    String missingScopeCode() {
        return "scope.missing." + scope.replace(':', '-');
    }
}
