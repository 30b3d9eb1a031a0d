package dev.plugboard.sentry.reports;

import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.reports.ReportSpec.TargetKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.plugboard.sentry.reports.Col.field;
import static dev.plugboard.sentry.reports.Col.target;
import static dev.plugboard.sentry.reports.ReportSpec.report;
import static dev.plugboard.spi.ColumnType.BOOLEAN;
import static dev.plugboard.spi.ColumnType.INTEGER;
import static dev.plugboard.spi.ColumnType.JSON;
import static dev.plugboard.spi.ColumnType.STRING;
import static dev.plugboard.spi.ColumnType.TIMESTAMP;

/**
 * The sixteen Sentry reports, as a table: for each, its description, parameters, what it pages through with which
 * request, and its columns (the column groups first, then the requests, then the table).
 */
final class Catalog {
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

    // ---- requests ------------------------------------------------------------------------------------------

    /** @return a request of the organization's, for messages about "{what} of organization '{org}'" */
    private static SentryRequest org(Endpoint ep, Inputs in, String what) {
        return SentryRequest.of(ep, in.organization()).about(what + " of organization '" + in.organization() + "'");
    }

    /** @return a request about one project of the organization */
    private static SentryRequest project(Endpoint ep, Inputs in, Target p) {
        return SentryRequest.of(ep, in.organization(), p.slug()).about("project '" + p.slug() + "' of organization '"
                + in.organization() + "'");
    }

    /** @return the request with the date window's start and end */
    private static SentryRequest window(SentryRequest r, Inputs in) {
        DateWindow w = in.requireWindow();
        return r.with("start", w.start().toString()).with("end", w.end().toString());
    }

    private static SentryRequest full(SentryRequest r, boolean full) {
        return full ? r.with("full", "true") : r;
    }

    private static SentryRequest issueEvents(Inputs in, Target issue, boolean full) {
        return full(window(SentryRequest.of(Endpoint.ISSUE_EVENTS, in.organization(), issue.id())
                .about("issue " + issue.id() + " of organization '" + in.organization() + "'").pageSize(), in), full);
    }

    private static SentryRequest projectEvents(Inputs in, Target p, boolean full) {
        return full(window(project(Endpoint.PROJECT_EVENTS, in, p).pageSize(), in), full);
    }

    private static SentryRequest projectUsers(Inputs in, Target p) {
        SentryRequest r = project(Endpoint.PROJECT_USERS, in, p).pageSize();
        return in.params().string("query").map(q -> r.with("query", q)).orElse(r);
    }

    private static SentryRequest projectIssues(Inputs in, Target p) {
        return window(org(Endpoint.ISSUES, in, "issues of project '" + p.slug() + "'").with("project", p.id())
                .with("query", in.params().string("query").orElse("")), in)
                .with("limit", Integer.toString(Endpoint.PAGE_SIZE));
    }

    private static SentryRequest teamProjects(Inputs in, Target t) {
        return SentryRequest.of(Endpoint.TEAM_PROJECTS, in.organization(), t.slug()).pageSize()
                .about("team '" + t.slug() + "' of organization '" + in.organization() + "'");
    }

    /** stats_v2 for the organization, or for the given project ids. */
    private static SentryRequest stats(Inputs in, List<String> projectIds, String subject) {
        SentryRequest r = org(Endpoint.STATS, in, subject).with("field", Shape.FIELD);
        Optional<String> stat = in.params().string("stat");
        Optional<String> outcome = in.params().string("outcome");
        if (stat.isEmpty() && outcome.isEmpty()) {
            r = r.with("groupBy", "outcome");
        }
        r = r.with("groupBy", "category");
        Optional<String> category = in.params().string("category");
        if (category.isPresent()) {
            r = r.with("category", category.get());
        }
        for (String o : stat.map(STAT_OUTCOMES::get).orElse(List.of())) {
            r = r.with("outcome", o);
        }
        if (outcome.isPresent()) {
            r = r.with("outcome", outcome.get());
        }
        r = window(r.with("interval", in.params().string("interval").orElse("1d")), in);
        for (String id : projectIds) {
            r = r.with("project", id);
        }
        return r;
    }

    private static String countLabel(Inputs in) {
        return in.params().string("stat").or(() -> in.params().string("outcome")).orElse("");
    }

    private static List<Param> countParams(Param... perTarget) {
        List<Param> p = new ArrayList<>(List.of(Param.ORGANIZATION));
        p.addAll(List.of(perTarget));
        p.addAll(List.of(Param.STAT, Param.OUTCOME, Param.CATEGORY, Param.INTERVAL, Param.WINDOW));
        return p;
    }

    private static final List<Col> ISSUE_TARGET = List.of(
            target("issueId", Target::id, "the issue's id"),
            field("projectId", STRING, "/projectID", "the issue's project id"));

    // ---- the table -----------------------------------------------------------------------------------------

    /** @return the sixteen reports, in documentation order */
    static List<ReportSpec> reports() {
        return List.of(
            report("organizations", "Organizations")
                .description("One row per organization the auth token can see (GET /organizations/).")
                .reads(in -> SentryRequest.of(Endpoint.ORGANIZATIONS).pageSize().about("organizations"))
                .columns(ORGANIZATION),
            report("projects", "Projects")
                .description("One row per project of the configured organization (GET /organizations/{org}/projects/;"
                        + " the deprecated GET /projects/ is not used).")
                .reads(in -> org(Endpoint.PROJECTS, in, "projects").pageSize())
                .columns(PROJECT),
            report("organization-projects", "Organization Projects")
                .description("One row per project of an organization (GET /organizations/{org}/projects/).")
                .params(Param.ORGANIZATION)
                .reads(in -> org(Endpoint.PROJECTS, in, "projects").pageSize())
                .columns(PROJECT),
            report("organization-repositories", "Organization Repositories")
                .description("One row per repository connected to an organization"
                        + " (GET /organizations/{org}/repos/).")
                .params(Param.ORGANIZATION, Param.STATUS)
                .reads(in -> org(Endpoint.REPOSITORIES, in, "repositories").pageSize()
                        .with("status", in.params().string("status").orElse("active")))
                .columns(REPOSITORY),
            report("organization-teams", "Organization Teams")
                .description("One row per team of an organization (GET /organizations/{org}/teams/).")
                .params(Param.ORGANIZATION)
                .reads(in -> org(Endpoint.TEAMS, in, "teams").pageSize().with("detailed", "0"))
                .columns(TEAM),
            report("team-projects", "Team Projects")
                .description("One row per project of each team (GET /teams/{org}/{team}/projects/).")
                .params(Param.ORGANIZATION, Param.TEAMS)
                .over(TargetKind.TEAMS, Catalog::teamProjects)
                .columns(TEAM_TARGET, PROJECT),
            report("project-users", "Project Users")
                .description("One row per end user seen in each project (GET /projects/{org}/{project}/users/)."
                        + " Slow by Sentry's choice: it allows integration tokens 5 requests a minute for this"
                        + " endpoint, and the connector paces itself to that.")
                .params(Param.ORGANIZATION, Param.PROJECTS, Param.QUERY)
                .over(TargetKind.PROJECTS, Catalog::projectUsers)
                .columns(PROJECT_TARGET, PROJECT_USER),
            report("project-feedback", "Project Feedback")
                .description("One row per user feedback item (legacy user report) of each project created in the"
                        + " date window (GET /projects/{org}/{project}/user-feedback/; the endpoint has no date"
                        + " filter, so the window is applied to dateCreated by the connector).")
                .params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW)
                .over(TargetKind.PROJECTS, (in, t) -> project(Endpoint.PROJECT_FEEDBACK, in, t).pageSize())
                .windowFilter("/dateCreated")
                .incremental("dateCreated", false, "projectId", "id")
                .columns(PROJECT_TARGET, FEEDBACK),
            report("project-events", "Project Events")
                .description("One row per event of each project in the date window"
                        + " (GET /projects/{org}/{project}/events/; full=true adds the full-body columns).")
                .params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW, Param.FULL)
                .windowFilter("/dateCreated")
                .over(TargetKind.PROJECTS, (in, t) -> projectEvents(in, t, in.params().bool("full").orElse(false)))
                .incremental("dateCreated", false, "projectId", "id")
                .columns(PROJECT_TARGET, EVENT, FULL_EVENT),
            report("project-events-entries", "Project Events Entries")
                .description("One row per entry (exception, breadcrumbs, request, …) of each event of each project"
                        + " in the date window (GET /projects/{org}/{project}/events/?full=true).")
                .params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW)
                .windowFilter("/dateCreated")
                .over(TargetKind.PROJECTS, (in, t) -> projectEvents(in, t, true))
                .shape(Shape.ENTRIES)
                .incremental("dateCreated", false, "projectId", "eventID", "entryIndex")
                .columns(PROJECT_TARGET, ENTRY),
            report("project-issues", "Project Issues")
                .description("One row per issue of each project whose last event falls in the date window"
                        + " (GET /organizations/{org}/issues/?project={id}; the project-scoped endpoint is"
                        + " deprecated). query defaults to empty: every status.")
                .params(Param.ORGANIZATION, Param.PROJECTS, Param.WINDOW, Param.QUERY)
                .over(TargetKind.PROJECTS, Catalog::projectIssues)
                .incremental("lastSeen", true, "projectId", "id")
                .columns(PROJECT_TARGET, ISSUE),
            report("issue-events", "Issue Events")
                .description("One row per event of each issue in the date window"
                        + " (GET /organizations/{org}/issues/{issue}/events/).")
                .params(Param.ORGANIZATION, Param.ISSUE, Param.WINDOW)
                .windowFilter("/dateCreated")
                .over(TargetKind.ISSUES, (in, t) -> issueEvents(in, t, false))
                .incremental("dateCreated", false, "issueId", "id")
                .columns(ISSUE_TARGET, EVENT),
            report("issue-events-entries", "Issue Events Entries")
                .description("One row per entry of each event of each issue in the date window"
                        + " (GET /organizations/{org}/issues/{issue}/events/?full=true).")
                .params(Param.ORGANIZATION, Param.ISSUE, Param.WINDOW)
                .windowFilter("/dateCreated")
                .over(TargetKind.ISSUES, (in, t) -> issueEvents(in, t, true))
                .shape(Shape.ENTRIES)
                .incremental("dateCreated", false, "issueId", "eventID", "entryIndex")
                .columns(ISSUE_TARGET, ENTRY.stream().filter(c -> !c.column().name().equals("groupID")).toList()),
            report("event-counts-organization", "Event Counts: Organization")
                .description("Event counts of the organization per interval, category and outcome"
                        + " (GET /organizations/{org}/stats_v2/, field=sum(quantity)).")
                .params(countParams())
                .reads(in -> stats(in, List.of(), "event counts"))
                .shape(Shape.SERIES).label(Catalog::countLabel)
                .incremental("timestamp", true, "timestamp", "category", "outcome")
                .columns(COUNT),
            report("event-counts-project", "Event Counts: Project")
                .description("Event counts of each project per interval, category and outcome (stats_v2 with"
                        + " project={id}).")
                .params(countParams(Param.PROJECTS))
                .over(TargetKind.PROJECTS, (in, t) -> stats(in, List.of(t.id()), "event counts of project '"
                        + t.slug() + "'"))
                .shape(Shape.SERIES).label(Catalog::countLabel)
                .incremental("timestamp", true, "projectId", "timestamp", "category", "outcome")
                .columns(PROJECT_TARGET, COUNT),
            report("event-counts-team", "Event Counts: Team")
                .description("Event counts summed over each team's projects per interval, category and outcome"
                        + " (stats_v2 with the team's project ids; a team without projects has no rows).")
                .params(countParams(Param.TEAMS))
                .over(TargetKind.TEAMS_WITH_PROJECTS, (in, t) -> stats(in, t.projectIds(), "event counts of team '"
                        + t.slug() + "'"))
                .shape(Shape.SERIES).label(Catalog::countLabel)
                .incremental("timestamp", true, "teamId", "timestamp", "category", "outcome")
                .columns(TEAM_TARGET, COUNT));
    }
}
