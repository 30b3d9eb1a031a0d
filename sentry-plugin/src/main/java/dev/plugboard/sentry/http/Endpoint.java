package dev.plugboard.sentry.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Sentry endpoint the connector calls, with the token scope it needs: the one catalogue the identity sync,
 * the check, the reports and provisioning share. The operation name ({@code GET /organizations/{org}/members/}) is
 * what requests are counted, paced and reported under (Sentry rate-limits per endpoint, not per URL); a
 * {@linkplain #serial() serial} endpoint is never asked twice at once by this connector (Sentry allows one
 * concurrent events request per user).
 */
public enum Endpoint {
    // endpoint                   method    path template                                     scope            permission in Sentry's settings  what a request does, for messages                 serial
    ORGANIZATIONS(       "GET",    "/organizations/",                                 "org:read",      "Organization: Read",     "list the organizations",                          false),
    ORGANIZATION(        "GET",    "/organizations/{org}/",                           "org:read",      "Organization: Read",     "read the organization",                           false),
    MEMBERS(             "GET",    "/organizations/{org}/members/",                   "member:read",   "Member: Read",           "list the organization's members",                 false),
    MEMBER(              "GET",    "/organizations/{org}/members/{member}/",          "member:read",   "Member: Read",           "read a member",                                   false),
    TEAMS(               "GET",    "/organizations/{org}/teams/",                     "org:read",      "Organization: Read",     "list the organization's teams",                   false),
    PROJECTS(            "GET",    "/organizations/{org}/projects/",                  "org:read",      "Organization: Read",     "list the organization's projects",                false),
    REPOSITORIES(        "GET",    "/organizations/{org}/repos/",                     "org:read",      "Organization: Read",     "list the repositories",                           false),
    ISSUES(              "GET",    "/organizations/{org}/issues/",                    "event:read",    "Issue & Event: Read",    "list the issues",                                 false),
    ISSUE_EVENTS(        "GET",    "/organizations/{org}/issues/{issue}/events/",     "event:read",    "Issue & Event: Read",    "list an issue's events",                          true),
    STATS(               "GET",    "/organizations/{org}/stats_v2/",                  "org:read",      "Organization: Read",     "read the event counts",                           false),
    TEAM_MEMBERS(        "GET",    "/teams/{org}/{team}/members/",                    "team:read",     "Team: Read",             "list a team's members",                           false),
    TEAM_PROJECTS(       "GET",    "/teams/{org}/{team}/projects/",                   "project:read",  "Project: Read",          "list a team's projects",                          false),
    PROJECT_TEAMS(       "GET",    "/projects/{org}/{project}/teams/",                "project:read",  "Project: Read",          "list a project's teams",                          false),
    PROJECT_USERS(       "GET",    "/projects/{org}/{project}/users/",                "project:read",  "Project: Read",          "list a project's users",                          false),
    PROJECT_FEEDBACK(    "GET",    "/projects/{org}/{project}/user-feedback/",        "project:read",  "Project: Read",          "list a project's user feedback",                  false),
    // project events is a ProjectEndpoint: it checks project:read, not event:read (issue 13)
    PROJECT_EVENTS(      "GET",    "/projects/{org}/{project}/events/",               "project:read",  "Project: Read",          "list a project's events",                         true),
    // provisioning's writes
    ADD_TO_TEAM(         "POST",   "/organizations/{org}/members/{member}/teams/{team}/", "team:write", "Team: Read & Write",   "add members to teams",                            false),
    SET_TEAM_ROLE(       "PUT",    "/organizations/{org}/members/{member}/teams/{team}/", "team:write", "Team: Read & Write",   "change team roles",                               false),
    REMOVE_FROM_TEAM(    "DELETE", "/organizations/{org}/members/{member}/teams/{team}/", "team:admin", "Team: Admin",          "remove members from teams",                       false),
    // without member:admin Sentry allows no org role to be set (get_allowed_org_roles)
    SET_ORG_ROLE(        "PUT",    "/organizations/{org}/members/{member}/",          "member:admin",  "Member: Admin",          "change members' roles",                           false),
    INVITE(              "POST",   "/organizations/{org}/members/",                   "member:invite", "Member: Read & Write",   "invite members",                                  false),
    REMOVE_MEMBER(       "DELETE", "/organizations/{org}/members/{member}/",          "member:admin",  "Member: Admin",          "remove members",                                  false),
    ADD_PROJECT_TEAM(    "POST",   "/projects/{org}/{project}/teams/{team}/",         "project:write", "Project: Read & Write",  "give teams access to projects",                   false),
    REMOVE_PROJECT_TEAM( "DELETE", "/projects/{org}/{project}/teams/{team}/",         "project:write", "Project: Read & Write",  "take teams' access to projects",                  false);

    /** Sentry's largest page, asked for by every listing. */
    public static final int PAGE_SIZE = 100;

    private final String method;
    private final String template;
    private final String scope;
    private final String permissionName;
    private final String action;
    private final boolean serial;

    Endpoint(String method, String template, String scope, String permissionName, String action, boolean serial) {
        this.method = method;
        this.template = template;
        this.scope = scope;
        this.permissionName = permissionName;
        this.action = action;
        this.serial = serial;
    }

    /** @return GET, POST, PUT or DELETE */
    public String method() {
        return method;
    }

    /** @return e.g. {@code GET /organizations/{org}/members/} */
    public String operation() {
        return method + " " + template;
    }

    /** @return the token scope the endpoint needs, e.g. {@code member:read} */
    public String scope() {
        return scope;
    }

    /** @return the permission's name in Sentry's integration settings, e.g. {@code Member: Read} */
    public String permissionName() {
        return permissionName;
    }

    /** @return what a request does, for messages: "list the organization's members" */
    public String action() {
        return action;
    }

    /** @return whether requests to this endpoint must go one at a time */
    public boolean serial() {
        return serial;
    }

    /** @return the finding/error code for a missing scope, e.g. {@code scope.missing.member-read} */
    public String missingScopeCode() {
        return "scope.missing." + scope.replace(':', '-');
    }

    /**
     * @param values one value per placeholder of the template, in order (the organization slug first)
     * @return the path after {@code /api/0}, each value percent-encoded as one segment
     * @throws IllegalArgumentException when the count does not match the placeholders
     */
    public String path(String... values) {
        List<String> parts = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int used = 0;
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                sb.append(template, i, template.length());
                break;
            }
            sb.append(template, i, open);
            int close = template.indexOf('}', open);
            parts.add(template.substring(open + 1, close));
            if (used >= values.length) {
                throw new IllegalArgumentException(operation() + " needs " + parts.size() + "+ values, got "
                        + values.length);
            }
            sb.append(segment(values[used++]));
            i = close + 1;
        }
        if (used != values.length) {
            throw new IllegalArgumentException(operation() + " takes " + used + " values, got " + values.length);
        }
        return sb.toString();
    }

    /** @return a path segment or query value, percent-encoded (a space as {@code %20}) */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
