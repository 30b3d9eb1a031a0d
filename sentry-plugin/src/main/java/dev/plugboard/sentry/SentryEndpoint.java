package dev.plugboard.sentry;

/**
 * The Sentry endpoints the identity sync reads, each with the scope it needs. The operation name is what
 * requests are counted, paced and reported under (Sentry rate-limits per endpoint, not per URL).
 */
enum SentryEndpoint {
    ORGANIZATION("GET /organizations/{org}/", "org:read", "Organization: Read", "read the organization"),
    MEMBERS("GET /organizations/{org}/members/", "member:read", "Member: Read", "list the organization's members"),
    TEAMS("GET /organizations/{org}/teams/", "org:read", "Organization: Read", "list the organization's teams"),
    PROJECTS("GET /organizations/{org}/projects/", "org:read", "Organization: Read",
            "list the organization's projects"),
    TEAM_MEMBERS("GET /teams/{org}/{team}/members/", "team:read", "Team: Read", "list a team's members");

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
