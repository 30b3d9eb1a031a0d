package dev.plugboard.simulator.api;

import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.Endpoint;
import dev.plugboard.simulator.http.Route;
import dev.plugboard.simulator.http.Router;
import java.util.Set;

/** The served Sentry Web API: every route with its path template and required scopes (any of). */
public final class SentryApi {
    private SentryApi() {
    }

    /** The router over a context. */
    public static Router router(ApiContext ctx) {
        IdentityEndpoints id = new IdentityEndpoints(ctx);
        ProvisioningEndpoints prov = new ProvisioningEndpoints(ctx, id);
        ReportEndpoints rep = new ReportEndpoints(ctx);
        UsageEndpoints usage = new UsageEndpoints(ctx, rep);
        Router r = new Router();
        String o = "/api/0/organizations/{org}/";
        add(r, "GET", "/api/0/organizations/", id::organizations, "org:read");
        add(r, "GET", o, id::organization, "org:read");
        add(r, "GET", o + "members/", id::members, "member:read");
        add(r, "POST", o + "members/", prov::invite, "member:invite");
        add(r, "GET", o + "members/{member}/", id::member, "member:read");
        add(r, "PUT", o + "members/{member}/", prov::updateMember, "member:write");
        add(r, "DELETE", o + "members/{member}/", prov::removeMember, "member:admin");
        // org:read may ask to join (202 access request); team:write or org:write adds directly
        add(r, "POST", o + "members/{member}/teams/{team}/", prov::addToTeam, "team:write", "org:write", "org:read");
        add(r, "PUT", o + "members/{member}/teams/{team}/", prov::setTeamRole, "team:write");
        add(r, "DELETE", o + "members/{member}/teams/{team}/", prov::removeFromTeam, "team:admin", "org:write");
        add(r, "GET", o + "teams/", id::teams, "org:read");
        add(r, "GET", "/api/0/teams/{org}/{team}/members/", id::teamMembers, "team:read");
        add(r, "GET", o + "projects/", id::projects, "org:read");
        add(r, "GET", "/api/0/teams/{org}/{team}/projects/", id::teamProjects, "project:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/teams/", id::projectTeams, "project:read");
        add(r, "POST", "/api/0/projects/{org}/{project}/teams/{team}/", prov::addProjectTeam, "project:write");
        add(r, "DELETE", "/api/0/projects/{org}/{project}/teams/{team}/", prov::removeProjectTeam, "project:admin");
        add(r, "GET", o + "repos/", rep::repositories, "org:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/users/", rep::projectUsers, "project:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/user-feedback/", rep::feedback, "project:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/events/", rep::projectEvents, "event:read");
        add(r, "GET", o + "issues/", rep::issues, "event:read");
        add(r, "GET", o + "issues/{issue}/events/", rep::issueEvents, "event:read");
        add(r, "GET", o + "stats_v2/", usage::statsV2, "org:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/stats/", usage::projectStats, "project:read");
        r.add(new Route("GET", "/api/0/projects/", Set.of(), SentryApi::gone));
        return r;
    }

    private static dev.plugboard.simulator.http.ApiResponse gone(dev.plugboard.simulator.http.ApiCall call) {
        throw ApiError.detail(410, "This API no longer exists.");
    }

    private static void add(Router r, String method, String template, Endpoint endpoint, String... scopes) {
        r.add(new Route(method, template, Set.of(scopes), endpoint));
    }
}
