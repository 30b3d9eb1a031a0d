package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.plugboard.simulator.http.ApiCall;
import dev.plugboard.simulator.http.ApiError;
import dev.plugboard.simulator.http.ApiResponse;
import dev.plugboard.simulator.http.Paginator;
import dev.plugboard.simulator.model.Event;
import dev.plugboard.simulator.model.Feedback;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.ProjectData;
import dev.plugboard.simulator.model.ProjectDataGenerator;
import dev.plugboard.simulator.model.ProjectUser;
import dev.plugboard.simulator.model.Repository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report endpoints: repositories, project users, feedback, events, issues and issue events. */
public final class ReportEndpoints {
    private final ApiContext ctx;

    /** Endpoints over a context. */
    public ReportEndpoints(ApiContext ctx) {
        this.ctx = ctx;
    }

    /** {@code GET /api/0/organizations/{org}/repos/}: {@code status=active} (default) or {@code deleted}. */
    public ApiResponse repositories(ApiCall call) {
        ctx.org(call);
        String status = call.request().param("status").orElse("active");
        List<Repository> repos = switch (status) {
            case "active" -> ctx.state().repositories().stream().filter(Repository::active).toList();
            case "deleted" -> ctx.state().repositories().stream().filter(r -> !r.active()).toList();
            default -> throw ApiError.badRequest("Invalid status parameter");
        };
        Paginator.Page<Repository> page = ctx.paginator().page(call.request(), repos,
                Paginator.perPage(call.request()), Paginator.Style.PAGE);
        ArrayNode out = ctx.views().array();
        page.items().forEach(r -> out.add(ctx.views().repository(r)));
        return ctx.ok(out, page.headers());
    }

    /**
     * {@code GET /api/0/projects/{org}/{project}/users/}: {@code query} with id:, email:, username:, ip:; a query
     * without a {@code key:} prefix answers {@code []} (getsentry/sentry
     * {@code src/sentry/core/endpoints/project_users.py}: {@code if len(pieces) != 2: return Response([])}).
     */
    public ApiResponse projectUsers(ApiCall call) {
        Project p = ctx.project(call);
        List<ProjectUser> users = ctx.state().projectData(p).users();
        String query = call.request().param("query").orElse("").trim();
        if (!query.isEmpty()) {
            int colon = query.indexOf(':');
            if (colon < 0) {
                return ctx.ok(ctx.views().array());
            }
            String key = query.substring(0, colon);
            String value = query.substring(colon + 1);
            if (!List.of("id", "email", "username", "ip").contains(key)) {
                return ctx.ok(ctx.views().array());
            }
            users = users.stream().filter(u -> switch (key) {
                case "id" -> u.identifier().equals(value);
                case "email" -> u.email().equalsIgnoreCase(value);
                case "username" -> u.username().equals(value);
                case "ip" -> u.ipAddress().equals(value);
                default -> false;
            }).toList();
        }
        Paginator.Page<ProjectUser> page = ctx.paginator().page(call.request(), users,
                Paginator.perPage(call.request()), Paginator.Style.ROW);
        ArrayNode out = ctx.views().array();
        page.items().forEach(u -> out.add(ctx.views().projectUser(u)));
        return ctx.ok(out, page.headers());
    }

    /** {@code GET /api/0/projects/{org}/{project}/user-feedback/}. */
    public ApiResponse feedback(ApiCall call) {
        Project p = ctx.project(call);
        ProjectData data = ctx.state().projectData(p);
        Paginator.Page<Feedback> page = ctx.paginator().page(call.request(), data.feedback(),
                Paginator.perPage(call.request()), Paginator.Style.ROW);
        ArrayNode out = ctx.views().array();
        for (Feedback f : page.items()) {
            Optional<Issue> issue = data.issues().stream().filter(i -> i.id().equals(f.issueId())).findFirst();
            out.add(ctx.views().feedback(f, issue, Optional.of(p)));
        }
        return ctx.ok(out, page.headers());
    }

    /**
     * {@code GET /api/0/projects/{org}/{project}/events/}: start, end, statsPeriod, full. Newest first. With
     * {@link ApiContext#projectEventsIgnoreDates()}, the dates are ignored and the whole retention is paged, as by
     * self-hosted servers from before mid-2025 (getsentry/sentry {@code src/sentry/api/endpoints/project_events.py}).
     */
    public ApiResponse projectEvents(ApiCall call) {
        Project p = ctx.project(call);
        DateWindow window = ctx.projectEventsIgnoreDates()
                ? new DateWindow(call.now().minus(ProjectDataGenerator.RETENTION), call.now().plusNanos(1))
                : DateWindow.of(call.request(), call.now(), ProjectDataGenerator.RETENTION);
        List<Event> events = ctx.state().projectData(p).events().stream()
                .filter(e -> window.contains(e.dateCreated())).toList();
        return eventPage(call, events);
    }

    private ApiResponse eventPage(ApiCall call, List<Event> events) {
        boolean full = isTrue(call.request().param("full").orElse("false"));
        Paginator.Page<Event> page = ctx.paginator().page(call.request(), events, Paginator.perPage(call.request()),
                Paginator.Style.ROW);
        ArrayNode out = ctx.views().array();
        page.items().forEach(e -> out.add(ctx.views().event(e, full)));
        return ctx.ok(out, page.headers());
    }

    private static boolean isTrue(String v) {
        return v.equalsIgnoreCase("true") || v.equals("1");
    }

    /**
     * {@code GET /api/0/organizations/{org}/issues/}: {@code project} ids (repeated; none or -1: all),
     * {@code query} (default {@code is:unresolved}; empty: every status; {@code is:<status>} and free text),
     * statsPeriod (default 14d) or start+end, {@code limit} (max 100). Sends {@code X-Hits}.
     */
    public ApiResponse issues(ApiCall call) {
        ctx.org(call);
        List<Project> projects = selectedProjects(call);
        DateWindow window = DateWindow.of(call.request(), call.now(), Duration.ofDays(14));
        String query = call.request().query().containsKey("query") ? call.request().param("query").orElse("")
                : "is:unresolved";
        List<String> statuses = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String token : query.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("is:")) {
                String s = token.substring(3);
                if (!List.of("unresolved", "resolved", "ignored", "archived").contains(s)) {
                    throw ApiError.badRequest("Invalid value for is: " + s);
                }
                statuses.add(s.equals("archived") ? "ignored" : s);
            } else {
                text.append(text.length() > 0 ? " " : "").append(token);
            }
        }
        String needle = text.toString().toLowerCase(Locale.ROOT);
        List<Issue> issues = new ArrayList<>();
        for (Project p : projects) {
            for (Issue i : ctx.state().projectData(p).issues()) {
                if (window.contains(i.lastSeen()) && (statuses.isEmpty() || statuses.contains(i.status()))
                        && (needle.isEmpty() || i.title().toLowerCase(Locale.ROOT).contains(needle))) {
                    issues.add(i);
                }
            }
        }
        issues.sort(Comparator.comparing(Issue::lastSeen).reversed().thenComparing(Issue::id));
        int limit = Paginator.limitParam(call.request(), "limit");
        Paginator.Page<Issue> page = ctx.paginator().page(call.request(), issues, limit, Paginator.Style.ROW);
        Map<String, Project> byId = new LinkedHashMap<>();
        projects.forEach(p -> byId.put(p.id(), p));
        ArrayNode out = ctx.views().array();
        page.items().forEach(i -> out.add(ctx.views().issue(i, byId.get(i.projectId()))));
        Map<String, String> headers = new LinkedHashMap<>(page.headers());
        headers.put("X-Hits", String.valueOf(issues.size()));
        headers.put("X-Max-Hits", String.valueOf(Math.max(1000, issues.size())));
        return ctx.ok(out, headers);
    }

    /** The projects named by {@code project} ids (none or -1: all); 403 for an unknown id, as Sentry. */
    List<Project> selectedProjects(ApiCall call) {
        List<String> ids = call.request().params("project");
        if (ids.isEmpty() || ids.contains("-1")) {
            return ctx.state().projects();
        }
        List<Project> out = new ArrayList<>();
        for (String id : ids) {
            if (!id.matches("\\d+")) {
                throw ApiError.badRequest("Invalid project parameter. Values must be numbers.");
            }
            Project p = ctx.state().project(id).filter(x -> x.id().equals(id)).orElseThrow(ApiError::forbidden);
            out.add(p);
        }
        return out;
    }

    /** {@code GET /api/0/organizations/{org}/issues/{issue}/events/}: full, start, end, statsPeriod. */
    public ApiResponse issueEvents(ApiCall call) {
        ctx.org(call);
        String issueId = call.param("issue");
        if (!issueId.matches("\\d{1,18}")) {
            throw ApiError.notFound();
        }
        long n = Long.parseLong(issueId) - ProjectDataGenerator.ISSUE_ID_BASE;
        if (n < 0) {
            throw ApiError.notFound();
        }
        Project p = ctx.state().projectAtIndex((int) (n / 10_000)).orElseThrow(ApiError::notFound);
        ProjectData data = ctx.state().projectData(p);
        if (data.issues().stream().noneMatch(i -> i.id().equals(issueId))) {
            throw ApiError.notFound();
        }
        DateWindow window = DateWindow.of(call.request(), call.now(), ProjectDataGenerator.RETENTION);
        List<Event> events = data.events().stream().filter(e -> e.issueId().equals(issueId))
                .filter(e -> window.contains(e.dateCreated())).toList();
        return eventPage(call, events);
    }
}
