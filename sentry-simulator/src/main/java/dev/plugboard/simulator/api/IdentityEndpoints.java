package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.http.Paginator;
import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Organization;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.simulator.model.TeamMember;
import java.util.List;
import java.util.Optional;

/** The read side of the identity endpoints: organizations, members, teams, projects. */
public final class IdentityEndpoints {
    private final ApiContext ctx;

    /** Endpoints over a context. */
    public IdentityEndpoints(ApiContext ctx) {
        this.ctx = ctx;
    }

    /** {@code GET /api/0/organizations/}: the orgs the token sees. */
    public ApiResponse organizations(ApiCall call) {
        Organization org = ctx.state().organization();
        List<Organization> visible = call.token().organization().isEmpty()
                || call.token().organization().get().equals(org.slug()) ? List.of(org) : List.of();
        Paginator.Page<Organization> page = ctx.paginator().page(call.request(), visible,
                Paginator.perPage(call.request()), Paginator.Style.PAGE);
        ArrayNode out = ctx.views().array();
        page.items().forEach(o -> out.add(ctx.views().organization(o, false, Optional.empty(), Optional.empty())));
        return ctx.ok(out, page.headers());
    }

    /** {@code GET /api/0/organizations/{org}/}; {@code detailed=0} skips teams and projects. */
    public ApiResponse organization(ApiCall call) {
        Organization org = ctx.org(call);
        boolean detailed = !call.request().param("detailed").orElse("1").equals("0");
        Optional<ArrayNode> teams = Optional.empty();
        Optional<ArrayNode> projects = Optional.empty();
        if (detailed) {
            ArrayNode t = ctx.views().array();
            ctx.state().teams().forEach(team -> t.add(ctx.views().team(team, Optional.empty())));
            ArrayNode p = ctx.views().array();
            ctx.state().projects().forEach(pr -> p.add(ctx.views().project(pr, ctx.teamsOf(pr), false)));
            teams = Optional.of(t);
            projects = Optional.of(p);
        }
        return ctx.ok(ctx.views().organization(org, true, teams, projects));
    }

    /** {@code GET /api/0/organizations/{org}/members/}, paged; {@code query} supports {@code email:} and text. */
    public ApiResponse members(ApiCall call) {
        ctx.org(call);
        int perPage = Paginator.perPage(call.request());
        List<Member> all = ctx.state().members();
        String query = call.request().param("query").orElse("").trim();
        if (!query.isEmpty()) {
            String q = query.toLowerCase();
            all = all.stream().filter(m -> q.startsWith("email:") ? m.email().equalsIgnoreCase(q.substring(6))
                    : m.email().toLowerCase().contains(q) || m.name().toLowerCase().contains(q)).toList();
        }
        Paginator.Page<Member> page = ctx.paginator().page(call.request(), all, perPage, Paginator.Style.PAGE);
        ArrayNode out = ctx.views().array();
        var groupOrgRoles = ctx.state().groupOrgRoles();
        page.items().forEach(m -> out.add(ctx.views().member(m, groupOrgRoles.getOrDefault(m.id(), List.of()))));
        return ctx.ok(out, page.headers());
    }

    /** {@code GET /api/0/organizations/{org}/members/{member}/}. */
    public ApiResponse member(ApiCall call) {
        Member m = ctx.member(call);
        return ctx.ok(memberDetail(m));
    }

    ObjectNode memberDetail(Member m) {
        long owners = ctx.state().members().stream()
                .filter(x -> x.orgRole() == OrgRole.OWNER && !x.pending()).count();
        boolean onlyOwner = m.orgRole() == OrgRole.OWNER && !m.pending() && owners == 1;
        return ctx.views().memberDetail(m, ctx.state().groupOrgRoles(m.id()), ctx.state().teamsOf(m.id()), onlyOwner);
    }

    /** {@code GET /api/0/organizations/{org}/teams/}, paged; {@code detailed=0} skips projects. */
    public ApiResponse teams(ApiCall call) {
        ctx.org(call);
        int perPage = Paginator.perPage(call.request());
        boolean detailed = !call.request().param("detailed").orElse("1").equals("0");
        Paginator.Page<Team> page = ctx.paginator().page(call.request(), ctx.state().teams(), perPage,
                Paginator.Style.PAGE);
        ArrayNode out = ctx.views().array();
        for (Team t : page.items()) {
            Optional<ArrayNode> projects = Optional.empty();
            if (detailed) {
                ArrayNode p = ctx.views().array();
                ctx.state().projectsOf(t.id()).forEach(pr -> p.add(ctx.views().project(pr, ctx.teamsOf(pr), false)));
                projects = Optional.of(p);
            }
            out.add(ctx.views().team(t, projects));
        }
        return ctx.ok(out, page.headers());
    }

    /**
     * {@code GET /api/0/teams/{org}/{team}/members/}, paged: member fields plus {@code teamRole}, the stored role
     * ({@code null}: the org role's minimum), as getsentry/sentry {@code src/sentry/core/endpoints/team_members.py}
     * answers it ({@code org_member["teamRole"] = obj.role}).
     */
    public ApiResponse teamMembers(ApiCall call) {
        Team t = ctx.team(call);
        int perPage = Paginator.perPage(call.request());
        Paginator.Page<TeamMember> page = ctx.paginator().page(call.request(), t.members(), perPage,
                Paginator.Style.PAGE);
        ArrayNode out = ctx.views().array();
        var groupOrgRoles = ctx.state().groupOrgRoles();
        for (TeamMember tm : page.items()) {
            Optional<Member> m = ctx.state().member(tm.memberId());
            if (m.isEmpty()) {
                continue;
            }
            ObjectNode n = ctx.views().member(m.get(), groupOrgRoles.getOrDefault(m.get().id(), List.of()));
            Views.putRole(n, "teamRole", tm.storedRole());
            n.put("teamSlug", t.slug());
            out.add(n);
        }
        return ctx.ok(out, page.headers());
    }

    /** {@code GET /api/0/organizations/{org}/projects/}, paged, each with {@code teams[]}. */
    public ApiResponse projects(ApiCall call) {
        ctx.org(call);
        int perPage = Paginator.perPage(call.request());
        Paginator.Page<Project> page = ctx.paginator().page(call.request(), ctx.state().projects(), perPage,
                Paginator.Style.PAGE);
        return projectPage(page);
    }

    /** {@code GET /api/0/teams/{org}/{team}/projects/}, paged. */
    public ApiResponse teamProjects(ApiCall call) {
        Team t = ctx.team(call);
        int perPage = Paginator.perPage(call.request());
        Paginator.Page<Project> page = ctx.paginator().page(call.request(), ctx.state().projectsOf(t.id()), perPage,
                Paginator.Style.PAGE);
        return projectPage(page);
    }

    private ApiResponse projectPage(Paginator.Page<Project> page) {
        ArrayNode out = ctx.views().array();
        page.items().forEach(p -> out.add(ctx.views().project(p, ctx.teamsOf(p), false)));
        return ctx.ok(out, page.headers());
    }

    /** {@code GET /api/0/projects/{org}/{project}/teams/}, paged. */
    public ApiResponse projectTeams(ApiCall call) {
        Project p = ctx.project(call);
        int perPage = Paginator.perPage(call.request());
        Paginator.Page<Team> page = ctx.paginator().page(call.request(), ctx.teamsOf(p), perPage,
                Paginator.Style.PAGE);
        ArrayNode out = ctx.views().array();
        page.items().forEach(t -> out.add(ctx.views().team(t, Optional.empty())));
        return ctx.ok(out, page.headers());
    }

    /** The membership of a member on a team, if a member. */
    static Optional<TeamMember> membership(Team t, String memberId) {
        return t.members().stream().filter(tm -> tm.memberId().equals(memberId)).findFirst();
    }
}
