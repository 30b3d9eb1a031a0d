package dev.plugboard.sentry.reports;

import dev.plugboard.sentry.reports.ReportSpec.TargetKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.plugboard.sentry.reports.Col.field;
import static dev.plugboard.sentry.reports.Col.target;
import static dev.plugboard.spi.ColumnType.BOOLEAN;
import static dev.plugboard.spi.ColumnType.INTEGER;
import static dev.plugboard.spi.ColumnType.JSON;
import static dev.plugboard.spi.ColumnType.STRING;
import static dev.plugboard.spi.ColumnType.TIMESTAMP;

/** The sixteen Sentry reports, as a table: endpoint, parameters, paging targets and columns of each. */
final class Catalog {
    /** Sentry's largest page. */
    static final String PAGE_SIZE = "100";
    /** Legacy stats mapped onto stats_v2 outcomes (sentry-api.md). */
    static final Map<String, List<String>> STAT_OUTCOMES = Map.of(
            "received", List.of("accepted"),
            "rejected", List.of("filtered", "rate_limited", "invalid"),
            "blacklisted", List.of("filtered"));

    private Catalog() {
    }

    // ---- column groups -------------------------------------------------------------------------------------

    private static final List<Col> PROJECT_TARGET = List.of(
            target("projectId", Target::id, "the project's id"),
            target("projectSlug", Target::slug, "the project's slug"));

    private static final List<Col> TEAM_TARGET = List.of(
            target("teamId", Target::id, "the team's id"),
            target("teamSlug", Target::slug, "the team's slug"));

    private static final List<Col> ORGANIZATION = List.of(
            field("id", STRING, "organization id"),
            field("slug", STRING, "organization slug"),
            field("name", STRING, "display name"),
            field("status", STRING, "/status/id", "active, pending_deletion, …"),
            field("dateCreated", TIMESTAMP, "when it was created"),
            field("isEarlyAdopter", BOOLEAN, "early adopter flag"),
            field("require2FA", BOOLEAN, "whether members must use two-factor authentication"),
            field("hasAuthProvider", BOOLEAN, "whether SSO is set up"),
            field("regionUrl", STRING, "/links/regionUrl", "the API host of the organization's region"),
            field("features", JSON, "enabled features (list)"));

    private static final List<Col> PROJECT = List.of(
            field("id", STRING, "project id"),
            field("slug", STRING, "project slug"),
            field("name", STRING, "display name"),
            field("platform", STRING, "platform, e.g. python"),
            field("status", STRING, "active, disabled, …"),
            field("dateCreated", TIMESTAMP, "when it was created"),
            field("firstEvent", TIMESTAMP, "when it received its first event"),
            field("isPublic", BOOLEAN, "public project"),
            field("isBookmarked", BOOLEAN, "bookmarked by the token's user"),
            field("isMember", BOOLEAN, "the token's user is in one of its teams"),
            field("hasAccess", BOOLEAN, "the token can read it"),
            field("teams", JSON, "teams with access: [{id, slug, name}]"),
            field("features", JSON, "enabled features (list)"));

    private static final List<Col> TEAM = List.of(
            field("id", STRING, "team id"),
            field("slug", STRING, "team slug"),
            field("name", STRING, "display name"),
            field("dateCreated", TIMESTAMP, "when it was created"),
            field("memberCount", INTEGER, "number of members"),
            field("isMember", BOOLEAN, "the token's user is a member"),
            field("isPending", BOOLEAN, "the token's user asked to join"),
            field("hasAccess", BOOLEAN, "the token can read it"),
            field("idpProvisioned", BOOLEAN, "/flags/idp:provisioned", "managed by the identity provider (SCIM)"));

    private static final List<Col> REPOSITORY = List.of(
            field("id", STRING, "repository id"),
            field("name", STRING, "owner/name"),
            field("url", STRING, "web URL"),
            field("provider", STRING, "/provider/id", "integration provider id, e.g. integrations:github"),
            field("providerName", STRING, "/provider/name", "provider name, e.g. GitHub"),
            field("status", STRING, "active, disabled, hidden, …"),
            field("dateCreated", TIMESTAMP, "when it was connected"),
            field("integrationId", STRING, "the integration it belongs to"),
            field("externalSlug", STRING, "the provider's slug"),
            field("externalId", STRING, "the provider's id"));

    private static final List<Col> PROJECT_USER = List.of(
            field("id", STRING, "Sentry's id of the end user"),
            field("identifier", STRING, "the application's user id"),
            field("username", STRING, "user name"),
            field("email", STRING, "email address"),
            field("name", STRING, "display name"),
            field("ipAddress", STRING, "IP address"),
            field("tagValue", STRING, "the user tag value, e.g. id:42"),
            field("hash", STRING, "hash of the tag value"),
            field("dateCreated", TIMESTAMP, "first seen"));

    private static final List<Col> FEEDBACK = List.of(
            field("id", STRING, "feedback id"),
            field("eventID", STRING, "the event it is about"),
            field("name", STRING, "the reporter's name"),
            field("email", STRING, "the reporter's email"),
            field("comments", STRING, "what they wrote"),
            field("dateCreated", TIMESTAMP, "when it was sent"),
            field("issueId", STRING, "/issue/id", "the issue of the event"),
            field("issueShortId", STRING, "/issue/shortId", "the issue's short id, e.g. WEB-1A"),
            field("issueTitle", STRING, "/issue/title", "the issue's title"),
            field("user", JSON, "the reporter as Sentry knows them (object)"));

    private static final List<Col> EVENT = List.of(
            field("id", STRING, "event id"),
            field("eventID", STRING, "event id (as sent by the SDK)"),
            field("groupID", STRING, "the issue id"),
            field("eventType", STRING, "/event.type", "error, default, …"),
            field("title", STRING, "title"),
            field("message", STRING, "message"),
            field("culprit", STRING, "where it happened"),
            field("location", STRING, "location"),
            field("platform", STRING, "platform"),
            field("dateCreated", TIMESTAMP, "when it happened"),
            field("userId", STRING, "/user/id", "the end user's id"),
            field("userEmail", STRING, "/user/email", "the end user's email"),
            field("userUsername", STRING, "/user/username", "the end user's user name"),
            field("userName", STRING, "/user/name", "the end user's name"),
            field("userIpAddress", STRING, "/user/ip_address", "the end user's IP address"),
            field("tags", JSON, "tags: [{key, value}]"),
            field("metadata", JSON, "metadata: {type, value, …}"));

    private static final List<Col> FULL_EVENT = List.of(
            field("dateReceived", TIMESTAMP, "when Sentry received it (full=true)"),
            field("size", INTEGER, "payload size in bytes (full=true)"),
            field("fingerprints", JSON, "grouping fingerprints (full=true)"),
            field("sdk", JSON, "the SDK: {name, version} (full=true)"),
            field("contexts", JSON, "contexts (full=true)"),
            field("entries", JSON, "the event's entries[]: exception, breadcrumbs, request, … (full=true)"));

    private static final List<Col> ENTRY = List.of(
            field("eventID", STRING, "the event"),
            field("groupID", STRING, "the event's issue"),
            field("dateCreated", TIMESTAMP, "when the event happened"),
            field("entryIndex", INTEGER, "position of the entry in the event's entries[] (0-based)"),
            field("type", STRING, "entry type: exception, breadcrumbs, request, message, threads, …"),
            field("data", JSON, "the entry's data (object)"));

    private static final List<Col> ISSUE = List.of(
            field("id", STRING, "issue id"),
            field("shortId", STRING, "short id, e.g. WEB-1A"),
            field("title", STRING, "title"),
            field("culprit", STRING, "culprit"),
            field("level", STRING, "fatal, error, warning, info, debug"),
            field("status", STRING, "unresolved, resolved, ignored"),
            field("substatus", STRING, "ongoing, regressed, archived_forever, …"),
            field("priority", STRING, "high, medium, low"),
            field("platform", STRING, "platform"),
            field("type", STRING, "issue type"),
            field("issueCategory", STRING, "issue category"),
            field("count", INTEGER, "number of events"),
            field("userCount", INTEGER, "number of users affected"),
            field("firstSeen", TIMESTAMP, "first event"),
            field("lastSeen", TIMESTAMP, "last event"),
            field("permalink", STRING, "link to the issue in Sentry"),
            field("isUnhandled", BOOLEAN, "whether an unhandled error"),
            field("numComments", INTEGER, "number of comments"),
            field("assignedTo", JSON, "assignee (object) or empty"),
            field("metadata", JSON, "metadata: {type, value, …}"));

    private static final List<Col> COUNT = List.of(
            field("timestamp", TIMESTAMP, "start of the interval"),
            field("category", STRING, "data category: error, transaction, attachment, …"),
            field("outcome", STRING, "stats_v2 outcome, or the stat (received, rejected, blacklisted) whose"
                    + " outcomes were summed"),
            field("count", INTEGER, "sum(quantity) in the interval"));

    @SafeVarargs
    private static List<Col> cols(List<Col>... groups) {
        return Stream.of(groups).flatMap(List::stream).toList();
    }

    private static List<Param> params(Param... p) {
        return List.of(p);
    }

    // ---- requests ------------------------------------------------------------------------------------------

    /** A request builder: query pairs in order. */
    private static final class Q {
        private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

        Q add(String name, String value) {
            pairs.add(Map.entry(name, value));
            return this;
        }

        Q window(Inputs in) {
            DateWindow w = in.requireWindow();
            return add("start", w.start().toString()).add("end", w.end().toString());
        }

        List<Map.Entry<String, String>> list() {
            return List.copyOf(pairs);
        }
    }

    private static Q pageSize() {
        return new Q().add("per_page", PAGE_SIZE);
    }

    private static ApiCall orgCall(ApiEndpoint ep, Inputs in, String rest, Q q, String subject) {
        return new ApiCall(ep, Optional.of(in.organization()), "/organizations/" + in.org() + "/" + rest, q.list(),
                subject + " of organization '" + in.organization() + "'");
    }

    private static ApiCall projectCall(ApiEndpoint ep, Inputs in, Target p, String rest, Q q) {
        return new ApiCall(ep, Optional.of(in.organization()), "/projects/" + in.org() + "/" + ApiCall.segment(p.slug())
                + "/" + rest, q.list(), "project '" + p.slug() + "' of organization '" + in.organization() + "'");
    }

    private static ApiCall issueEvents(Inputs in, Target issue, boolean full) {
        Q q = pageSize().window(in);
        if (full) {
            q.add("full", "true");
        }
        return orgCall(ApiEndpoint.ISSUE_EVENTS, in, "issues/" + ApiCall.segment(issue.id()) + "/events/", q,
                "issue " + issue.id());
    }

    private static ApiCall projectEvents(Inputs in, Target p, boolean full) {
        Q q = pageSize().window(in);
        if (full) {
            q.add("full", "true");
        }
        return projectCall(ApiEndpoint.PROJECT_EVENTS, in, p, "events/", q);
    }

    /** stats_v2 for the organization, or for the given project ids. */
    private static ApiCall stats(Inputs in, List<String> projectIds, String subject) {
        Q q = new Q().add("field", Shape.FIELD);
        Optional<String> stat = in.params().string("stat");
        Optional<String> outcome = in.params().string("outcome");
        if (stat.isEmpty() && outcome.isEmpty()) {
            q.add("groupBy", "outcome");
        }
        q.add("groupBy", "category");
        in.params().string("category").ifPresent(c -> q.add("category", c));
        stat.ifPresent(s -> STAT_OUTCOMES.get(s).forEach(o -> q.add("outcome", o)));
        outcome.ifPresent(o -> q.add("outcome", o));
        q.add("interval", in.params().string("interval").orElse("1d")).window(in);
        projectIds.forEach(id -> q.add("project", id));
        return orgCall(ApiEndpoint.STATS, in, "stats_v2/", q, subject);
    }

    private static String countLabel(Inputs in) {
        return in.params().string("stat").or(() -> in.params().string("outcome")).orElse("");
    }

    private static final Function<Inputs, String> NO_LABEL = in -> "";

    // ---- the table -----------------------------------------------------------------------------------------

    /** @return the sixteen reports, in documentation order */
    static List<ReportSpec> reports() {
        List<ReportSpec> r = new ArrayList<>();
        BiFunction<Inputs, Target, ApiCall> orgProjects = (in, t) -> orgCall(ApiEndpoint.PROJECTS, in, "projects/",
                pageSize(), "projects");
        r.add(spec("organizations", "Organizations", "One row per organization the auth token can see"
                        + " (GET /organizations/).", params(), TargetKind.NONE,
                (in, t) -> new ApiCall(ApiEndpoint.ORGANIZATIONS, Optional.empty(), "/organizations/",
                        pageSize().list(), "organizations"), ORGANIZATION));
        r.add(spec("projects", "Projects", "One row per project of the configured organization"
                + " (GET /organizations/{org}/projects/; the deprecated GET /projects/ is not used).", params(),
                TargetKind.NONE, orgProjects, PROJECT));
        r.add(spec("organization-projects", "Organization Projects", "One row per project of an organization"
                        + " (GET /organizations/{org}/projects/).", params(Param.ORGANIZATION), TargetKind.NONE,
                orgProjects, PROJECT));
        r.add(spec("organization-repositories", "Organization Repositories", "One row per repository connected to"
                        + " an organization (GET /organizations/{org}/repos/).",
                params(Param.ORGANIZATION, Param.STATUS), TargetKind.NONE,
                (in, t) -> orgCall(ApiEndpoint.REPOSITORIES, in, "repos/",
                        pageSize().add("status", in.params().string("status").orElse("active")), "repositories"),
                REPOSITORY));
        r.add(spec("organization-teams", "Organization Teams", "One row per team of an organization"
                        + " (GET /organizations/{org}/teams/).", params(Param.ORGANIZATION), TargetKind.NONE,
                (in, t) -> orgCall(ApiEndpoint.TEAMS, in, "teams/", pageSize().add("detailed", "0"), "teams"), TEAM));
        r.add(spec("team-projects", "Team Projects", "One row per project of each team"
                        + " (GET /teams/{org}/{team}/projects/).", params(Param.ORGANIZATION, Param.TEAMS),
                TargetKind.TEAMS, (in, t) -> new ApiCall(ApiEndpoint.TEAM_PROJECTS, Optional.of(in.organization()),
                        "/teams/" + in.org() + "/" + ApiCall.segment(t.slug()) + "/projects/", pageSize().list(),
                        "team '" + t.slug() + "' of organization '" + in.organization() + "'"),
                cols(TEAM_TARGET, PROJECT)));
        r.add(spec("project-users", "Project Users", "One row per end user seen in each project"
                        + " (GET /projects/{org}/{project}/users/).",
                params(Param.ORGANIZATION, Param.PROJECTS, Param.QUERY), TargetKind.PROJECTS, (in, t) -> {
                    Q q = pageSize();
                    in.params().string("query").ifPresent(s -> q.add("query", s));
                    return projectCall(ApiEndpoint.PROJECT_USERS, in, t, "users/", q);
                }, cols(PROJECT_TARGET, PROJECT_USER)));
        r.add(new ReportSpec("project-feedback", "Project Feedback", "One row per user feedback item (legacy user"
                + " report) of each project created in the date window (GET /projects/{org}/{project}/user-feedback/;"
                + " the endpoint has no date filter, so the window is applied to dateCreated by the connector).",
                params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW), TargetKind.PROJECTS,
                (in, t) -> projectCall(ApiEndpoint.PROJECT_FEEDBACK, in, t, "user-feedback/", pageSize()), Shape.LIST,
                NO_LABEL, Optional.of("/dateCreated"), cols(PROJECT_TARGET, FEEDBACK)));
        r.add(spec("project-events", "Project Events", "One row per event of each project in the date window"
                        + " (GET /projects/{org}/{project}/events/; full=true adds the full-body columns).",
                params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW, Param.FULL), TargetKind.PROJECTS,
                (in, t) -> projectEvents(in, t, in.params().bool("full").orElse(false)),
                cols(PROJECT_TARGET, EVENT, FULL_EVENT)));
        r.add(new ReportSpec("project-events-entries", "Project Events Entries", "One row per entry (exception,"
                + " breadcrumbs, request, …) of each event of each project in the date window"
                + " (GET /projects/{org}/{project}/events/?full=true).",
                params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW), TargetKind.PROJECTS,
                (in, t) -> projectEvents(in, t, true), Shape.ENTRIES, NO_LABEL, Optional.empty(),
                cols(PROJECT_TARGET, ENTRY)));
        r.add(spec("project-issues", "Project Issues", "One row per issue of each project whose last event falls in"
                        + " the date window (GET /organizations/{org}/issues/?project={id}; the project-scoped"
                        + " endpoint is deprecated). query defaults to empty: every status.",
                params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW, Param.QUERY), TargetKind.PROJECTS,
                (in, t) -> orgCall(ApiEndpoint.ISSUES, in, "issues/", new Q().add("project", t.id())
                        .add("query", in.params().string("query").orElse("")).window(in).add("limit", PAGE_SIZE),
                        "issues of project '" + t.slug() + "'"),
                cols(PROJECT_TARGET, ISSUE)));
        List<Col> issueTarget = List.of(target("issueId", Target::id, "the issue's id"),
                field("projectId", STRING, "/projectID", "the issue's project id"));
        r.add(spec("issue-events", "Issue Events", "One row per event of each issue in the date window"
                        + " (GET /organizations/{org}/issues/{issue}/events/).",
                params(Param.ORGANIZATION, Param.ISSUE, Param.WINDOW), TargetKind.ISSUES,
                (in, t) -> issueEvents(in, t, false), cols(issueTarget, EVENT)));
        r.add(new ReportSpec("issue-events-entries", "Issue Events Entries", "One row per entry of each event of each"
                + " issue in the date window (GET /organizations/{org}/issues/{issue}/events/?full=true).",
                params(Param.ORGANIZATION, Param.ISSUE, Param.WINDOW), TargetKind.ISSUES,
                (in, t) -> issueEvents(in, t, true), Shape.ENTRIES, NO_LABEL, Optional.empty(),
                cols(issueTarget, ENTRY.stream().filter(c -> !c.column().name().equals("groupID")).toList())));
        List<Param> countParams = params(Param.ORGANIZATION, Param.STAT, Param.OUTCOME, Param.CATEGORY,
                Param.INTERVAL, Param.WINDOW);
        r.add(new ReportSpec("event-counts-organization", "Event Counts: Organization", "Event counts of the"
                + " organization per interval, category and outcome (GET /organizations/{org}/stats_v2/,"
                + " field=sum(quantity)).", countParams, TargetKind.NONE,
                (in, t) -> stats(in, List.of(), "event counts"), Shape.SERIES, Catalog::countLabel,
                Optional.empty(), COUNT));
        List<Param> perTarget = new ArrayList<>(countParams);
        perTarget.add(1, Param.PROJECTS);
        r.add(new ReportSpec("event-counts-project", "Event Counts: Project", "Event counts of each project per"
                + " interval, category and outcome (stats_v2 with project={id}).", perTarget, TargetKind.PROJECTS,
                (in, t) -> stats(in, List.of(t.id()), "event counts of project '" + t.slug() + "'"), Shape.SERIES,
                Catalog::countLabel, Optional.empty(), cols(PROJECT_TARGET, COUNT)));
        List<Param> perTeam = new ArrayList<>(countParams);
        perTeam.add(1, Param.TEAMS);
        r.add(new ReportSpec("event-counts-team", "Event Counts: Team", "Event counts summed over each team's"
                + " projects per interval, category and outcome (stats_v2 with the team's project ids; a team"
                + " without projects has no rows).", perTeam, TargetKind.TEAMS_WITH_PROJECTS,
                (in, t) -> stats(in, t.projectIds(), "event counts of team '" + t.slug() + "'"), Shape.SERIES,
                Catalog::countLabel, Optional.empty(), cols(TEAM_TARGET, COUNT)));
        return List.copyOf(r);
    }

    private static ReportSpec spec(String id, String title, String description, List<Param> params, TargetKind kind,
                                   BiFunction<Inputs, Target, ApiCall> request, List<Col> columns) {
        return new ReportSpec(id, title, description, params, kind, request, Shape.LIST, NO_LABEL, Optional.empty(),
                columns);
    }
}
