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
        TeamWriteEndpoints teams = new TeamWriteEndpoints(ctx, prov);
        ReportEndpoints rep = new ReportEndpoints(ctx);
        UsageEndpoints usage = new UsageEndpoints(ctx, rep);
        Router r = new Router();
        String o = "/api/0/organizations/{org}/";
        add(r, "GET", "/api/0/organizations/", id::organizations, "org:read");
        add(r, "GET", o, id::organization, "org:read");
        add(r, "GET", o + "members/", id::members, "member:read");
        add(r, "POST", o + "members/", prov::invite, "member:invite");
        add(r, "GET", o + "members/{member}/", id::member, "member:read");
        // the scope maps of RelaxedMemberPermission (organization_member_utils.py): the endpoint itself then checks
        // member:admin, answering 400 (DELETE) or a field error (PUT) without it
        add(r, "PUT", o + "members/{member}/", prov::updateMember, "member:invite", "member:write", "member:admin");
        add(r, "DELETE", o + "members/{member}/", prov::removeMember, "member:read", "member:write", "member:admin");
        // OrganizationTeamMemberPermission (organization_member_team_details.py); org:read may ask to join (202)
        add(r, "POST", o + "members/{member}/teams/{team}/", teams::addToTeam, "team:write", "org:write",
                "org:read");
        add(r, "PUT", o + "members/{member}/teams/{team}/", teams::setTeamRole, "org:read", "org:write",
                "org:admin", "member:read", "member:write", "member:admin", "team:admin", "team:write");
        add(r, "DELETE", o + "members/{member}/teams/{team}/", teams::removeFromTeam, "org:read", "org:write",
                "org:admin", "team:admin");
        add(r, "GET", o + "teams/", id::teams, "org:read");
        add(r, "GET", "/api/0/teams/{org}/{team}/members/", id::teamMembers, "team:read");
        add(r, "GET", o + "projects/", id::projects, "org:read");
        add(r, "GET", "/api/0/teams/{org}/{team}/projects/", id::teamProjects, "project:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/teams/", id::projectTeams, "project:read");
        // ProjectTeamsPermission (project_team_details.py): project:write for both
        add(r, "POST", "/api/0/projects/{org}/{project}/teams/{team}/", teams::addProjectTeam, "project:write",
                "project:admin");
        add(r, "DELETE", "/api/0/projects/{org}/{project}/teams/{team}/", teams::removeProjectTeam, "project:write",
                "project:admin");
        add(r, "GET", o + "repos/", rep::repositories, "org:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/users/", rep::projectUsers, "project:read");
        add(r, "GET", "/api/0/projects/{org}/{project}/user-feedback/", rep::feedback, "project:read");
        // a ProjectEndpoint: ProjectPermission's GET scopes (project:read), not event:read
        // (src/sentry/api/endpoints/project_events.py, src/sentry/api/bases/project.py)
        add(r, "GET", "/api/0/projects/{org}/{project}/events/", rep::projectEvents, "project:read");
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
