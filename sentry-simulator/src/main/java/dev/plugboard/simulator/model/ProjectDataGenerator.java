package dev.plugboard.simulator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates one project's issues, events (with entries), feedback and users, from the seed and the project's
 * generation index, all within the 90 days of retention before {@code now}.
 */
public final class ProjectDataGenerator {
    /** Issue {@code k} of project index {@code p} has id {@code ISSUE_ID_BASE + p * 10000 + k}. */
    public static final long ISSUE_ID_BASE = 100_000_000L;
    /** Sentry keeps events for 90 days. */
    public static final Duration RETENTION = Duration.ofDays(90);

    private static final String[] ERRORS = {"TypeError", "ValueError", "NullPointerException", "KeyError",
        "TimeoutError", "ConnectionError", "IllegalStateException", "ZeroDivisionError"};
    private static final String[] MODULES = {"billing.invoice", "api.handlers", "auth.session", "search.index",
        "jobs.worker", "web.views", "payments.client", "core.utils"};
    private static final String[] LEVELS = {"error", "error", "error", "error", "error", "error", "error", "warning",
        "warning", "fatal", "info"};
    private static final String[] STATUSES = {"unresolved", "unresolved", "unresolved", "unresolved", "unresolved",
        "unresolved", "unresolved", "resolved", "resolved", "ignored"};

    private ProjectDataGenerator() {
    }

    /** Generates the data of the project at generation index {@code index}. */
    public static ProjectData generate(long seed, Project project, int index, String orgSlug, Instant now,
                                       int issueCount, int eventsPerIssue, int feedbackCount, int userCount) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index * 7_919L + 17);
        long retention = RETENTION.getSeconds();
        String platform = project.platform().orElse("other");

        List<ProjectUser> users = new ArrayList<>(userCount);
        for (int u = 0; u < userCount; u++) {
            String first = OrgGenerator.FIRST[rnd.nextInt(OrgGenerator.FIRST.length)];
            String last = OrgGenerator.LAST[rnd.nextInt(OrgGenerator.LAST.length)];
            String username = (first.charAt(0) + last).toLowerCase().replace("-", "") + u;
            users.add(new ProjectUser(String.valueOf(8_000_000_000L + (long) index * 10_000 + u),
                    String.valueOf(50_000 + rnd.nextInt(900_000)), username, username + "@customer.example",
                    first + " " + last, "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)),
                    now.minusSeconds((long) (rnd.nextDouble() * retention))));
        }

        List<Issue> issues = new ArrayList<>(issueCount);
        List<Event> events = new ArrayList<>(issueCount * eventsPerIssue);
        String prefix = project.slug().toUpperCase().replace("-", "");
        for (int k = 0; k < issueCount; k++) {
            String issueId = String.valueOf(ISSUE_ID_BASE + (long) index * 10_000 + k);
            String error = ERRORS[rnd.nextInt(ERRORS.length)];
            String module = MODULES[rnd.nextInt(MODULES.length)];
            String message = error.equals("KeyError") ? "'user_id'" : "something went wrong in " + module + " #" + k;
            String title = error + ": " + message;
            String culprit = module + " in handle_" + k;
            String level = LEVELS[rnd.nextInt(LEVELS.length)];
            Instant first = null;
            Instant last = null;
            Set<String> seenUsers = new HashSet<>();
            for (int e = 0; e < eventsPerIssue; e++) {
                Instant at = now.minusSeconds(1 + (long) (rnd.nextDouble() * (retention - 1)));
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
                ProjectUser user = users.isEmpty()
                        ? new ProjectUser("1", "anonymous", "anonymous", "anonymous@customer.example", "Anonymous",
                        "127.0.0.1", now)
                        : users.get(rnd.nextInt(users.size()));
                seenUsers.add(user.id());
                events.add(event(rnd, project, issueId, k, error, module, level, at, user));
            }
            if (first == null) {
                first = now.minus(RETENTION).plusSeconds(3_600);
                last = first;
            }
            issues.add(new Issue(issueId, prefix + "-" + Long.toString(k + 1, 36).toUpperCase(), project.id(), title,
                    culprit, level, STATUSES[rnd.nextInt(STATUSES.length)], platform, "error", first, last,
                    eventsPerIssue, seenUsers.size()));
        }
        events.sort(Comparator.comparing(Event::dateCreated).reversed().thenComparing(Event::eventId));
        issues.sort(Comparator.comparing(Issue::lastSeen).reversed().thenComparing(Issue::id));

        List<Feedback> feedback = new ArrayList<>(feedbackCount);
        for (int f = 0; f < feedbackCount && !events.isEmpty(); f++) {
            Event ev = events.get(rnd.nextInt(events.size()));
            feedback.add(new Feedback(String.valueOf(9_000_000_000L + (long) index * 10_000 + f), ev.eventId(),
                    ev.issueId(), project.id(), ev.user().name(), ev.user().email(),
                    rnd.nextBoolean() ? "It crashed when I clicked save." : "The page was blank after login.",
                    ev.dateCreated().plusSeconds(30)));
        }
        feedback.sort(Comparator.comparing(Feedback::dateCreated).reversed().thenComparing(Feedback::id));
        return new ProjectData(project.id(), issues, events, feedback, users);
    }

    /** One error event of issue {@code issueId} (issue number {@code k} of the project), at {@code at}. */
    static Event event(SplittableRandom rnd, Project project, String issueId, int k, String error, String module,
                       String level, Instant at, ProjectUser user) {
        String platform = project.platform().orElse("other");
        String message = message(error, module, k);
        String title = error + ": " + message;
        String culprit = culprit(module, k);
        String eventId = hex32(rnd);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("environment", rnd.nextDouble() < 0.8 ? "production" : "staging");
        tags.put("level", level);
        tags.put("release", project.slug() + "@1." + rnd.nextInt(20) + ".0");
        tags.put("user", user.tagValue());
        List<EventEntry> entries = List.of(
                new EventEntry("exception", Map.of("values", List.of(Map.of(
                        "type", error, "value", message, "module", module,
                        "stacktrace", Map.of("frames", List.of(
                                Map.of("filename", module.replace('.', '/') + ".py", "function", "handle_" + k,
                                        "lineNo", 10 + rnd.nextInt(400), "inApp", true),
                                Map.of("filename", "framework/dispatch.py", "function", "dispatch",
                                        "lineNo", 88, "inApp", false))))))),
                new EventEntry("breadcrumbs", Map.of("values", List.of(
                        Map.of("category", "http", "level", "info", "message", "GET /api/items",
                                "timestamp", at.minusSeconds(2).toString(), "type", "http"),
                        Map.of("category", "query", "level", "info", "message", "SELECT 1",
                                "timestamp", at.minusSeconds(1).toString(), "type", "default")))),
                new EventEntry("request", Map.of("method", rnd.nextBoolean() ? "GET" : "POST",
                        "url", "https://" + project.slug() + ".customer.example/api/items/" + rnd.nextInt(1000),
                        "headers", List.of(List.of("Accept", "application/json")))));
        return new Event(eventId, issueId, project.id(), title, message, culprit, platform, at, user, tags, entries);
    }

    /** The message of issue number {@code k} with this error and module. */
    static String message(String error, String module, int k) {
        return error.equals("KeyError") ? "'user_id'" : "something went wrong in " + module + " #" + k;
    }

    /** The culprit of issue number {@code k} in this module. */
    static String culprit(String module, int k) {
        return module + " in handle_" + k;
    }

    /** A random error type. */
    static String error(SplittableRandom rnd) {
        return ERRORS[rnd.nextInt(ERRORS.length)];
    }

    /** A random module. */
    static String module(SplittableRandom rnd) {
        return MODULES[rnd.nextInt(MODULES.length)];
    }

    /** A random level. */
    static String level(SplittableRandom rnd) {
        return LEVELS[rnd.nextInt(LEVELS.length)];
    }

    /** The user of an event: one of the project's users, or the anonymous user when it has none. */
    static ProjectUser user(SplittableRandom rnd, List<ProjectUser> users, Instant now) {
        return users.isEmpty()
                ? new ProjectUser("1", "anonymous", "anonymous", "anonymous@customer.example", "Anonymous",
                "127.0.0.1", now)
                : users.get(rnd.nextInt(users.size()));
    }

    /** The short id of issue number {@code k} of a project. */
    static String shortId(Project project, int k) {
        return project.slug().toUpperCase().replace("-", "") + "-" + Long.toString(k + 1, 36).toUpperCase();
    }

    /** A random event id: 32 hex digits. */
    static String hex32(SplittableRandom rnd) {
        return String.format("%016x%016x", rnd.nextLong(), rnd.nextLong());
    }
}
