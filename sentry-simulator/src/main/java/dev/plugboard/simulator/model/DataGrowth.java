package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Report data that grows as time passes: new events (on existing issues, moving their {@code lastSeen} and count),
 * new issues, late events and feedback, deterministically from a seed and the run number.
 * <ul>
 *   <li>New events are dated after the project's newest event and at or before {@code now} (the simulator's clock;
 *       with a fixed clock, advance a {@code ManualClock} between runs so new data is newer than the old).</li>
 *   <li>Late events are dated {@code lateBefore} minus 1 s, 2 s, ...: they arrive now but are older than data
 *       already served, like events a client sees only after its cursor passed them.</li>
 *   <li>Each new issue gets one event; the other events go to issues that existed before the run (to the new ones
 *       when there were none); feedback goes to this run's new events (to older ones when there are none).</li>
 * </ul>
 */
public final class DataGrowth {
    private DataGrowth() {
    }

    /**
     * What to add. {@code projects} are ids or slugs (empty: every project).
     */
    public record Request(long seed, int events, int issues, int feedback, int late, Optional<Instant> lateBefore,
                          List<String> projects) {
        /** Checks every component and copies the list. */
        public Request {
            Checks.nonNegative(events, "events");
            Checks.nonNegative(issues, "issues");
            Checks.nonNegative(feedback, "feedback");
            Checks.nonNegative(late, "late");
            Objects.requireNonNull(lateBefore, "lateBefore");
            if (late > 0 && lateBefore.isEmpty()) {
                throw new IllegalArgumentException("late events need lateBefore (the instant they are dated before)");
            }
            projects = List.copyOf(projects);
        }
    }

    /** One added event. */
    public record AddedEvent(String eventId, String issueId, String projectId, Instant dateCreated, boolean late) {
    }

    /** What one run added and changed. */
    public record Report(int run, List<AddedEvent> events, List<Issue> newIssues, List<Issue> updatedIssues,
                         List<Feedback> feedback) {
        /** Copies the lists. */
        public Report {
            events = List.copyOf(events);
            newIssues = List.copyOf(newIssues);
            updatedIssues = List.copyOf(updatedIssues);
            feedback = List.copyOf(feedback);
        }
    }

    /** Adds the data of one run to the state. */
    public static Report apply(OrgState state, Request request, int run, Instant now) {
        List<Project> projects = new ArrayList<>();
        for (String ref : request.projects()) {
            projects.add(state.project(ref).orElseThrow(() -> new IllegalArgumentException("no such project: "
                    + ref)));
        }
        if (projects.isEmpty()) {
            projects.addAll(state.projects());
        }
        if (projects.isEmpty()) {
            throw new IllegalArgumentException("the organization has no project to add data to");
        }
        if (request.lateBefore().isPresent() && request.lateBefore().get().isAfter(now)) {
            throw new IllegalArgumentException("lateBefore must not be after now (" + now + ")");
        }
        SplittableRandom rnd = new SplittableRandom(request.seed() * 0x9E3779B97F4A7C15L + run * 7_919L + 23);
        int[] events = spread(rnd, request.events(), projects.size());
        int[] issues = spread(rnd, request.issues(), projects.size());
        int[] late = spread(rnd, request.late(), projects.size());
        int[] feedback = spread(rnd, request.feedback(), projects.size());
        List<AddedEvent> added = new ArrayList<>();
        List<Issue> newIssues = new ArrayList<>();
        List<Issue> updated = new ArrayList<>();
        List<Feedback> newFeedback = new ArrayList<>();
        for (int p = 0; p < projects.size(); p++) {
            Project project = projects.get(p);
            if (events[p] + issues[p] + late[p] + feedback[p] == 0) {
                continue;
            }
            int index = state.indexOf(project);
            int pe = events[p];
            int pi = issues[p];
            int pl = late[p];
            int pf = feedback[p];
            state.updateProjectData(project, data -> grow(data, project, index, rnd, pe, pi, pl, pf,
                    request.lateBefore(), now, added, newIssues, updated, newFeedback));
        }
        return new Report(run, added, newIssues, updated, newFeedback);
    }

    private static int[] spread(SplittableRandom rnd, int count, int buckets) {
        int[] out = new int[buckets];
        for (int i = 0; i < count; i++) {
            out[rnd.nextInt(buckets)]++;
        }
        return out;
    }

    private static ProjectData grow(ProjectData data, Project project, int index, SplittableRandom rnd, int eventCount,
                                    int issueCount, int lateCount, int feedbackCount, Optional<Instant> lateBefore,
                                    Instant now, List<AddedEvent> added, List<Issue> newIssues, List<Issue> updated,
                                    List<Feedback> newFeedback) {
        List<Issue> issues = new ArrayList<>(data.issues());
        int oldIssues = issues.size();
        List<Event> events = new ArrayList<>(data.events());
        List<Event> fresh = new ArrayList<>();
        Instant newest = events.stream().map(Event::dateCreated).max(Comparator.naturalOrder())
                .orElse(now.minus(ProjectDataGenerator.RETENTION));
        long span = Math.max(0, now.getEpochSecond() - newest.getEpochSecond());
        for (int i = 0; i < issueCount; i++) {
            int k = issues.size();
            if (k >= 10_000) {
                throw new IllegalArgumentException("project " + project.slug() + " already has 10000 issues");
            }
            String issueId = String.valueOf(ProjectDataGenerator.ISSUE_ID_BASE + (long) index * 10_000 + k);
            String error = ProjectDataGenerator.error(rnd);
            String module = ProjectDataGenerator.module(rnd);
            String level = ProjectDataGenerator.level(rnd);
            Instant at = after(rnd, newest, span);
            Event e = ProjectDataGenerator.event(rnd, project, issueId, k, error, module, level, at,
                    ProjectDataGenerator.user(rnd, data.users(), now));
            Issue issue = new Issue(issueId, ProjectDataGenerator.shortId(project, k), project.id(), e.title(),
                    e.culprit(), level, "unresolved", e.platform(), "error", at, at, 1, 1);
            issues.add(issue);
            newIssues.add(issue);
            fresh.add(e);
            added.add(new AddedEvent(e.eventId(), issueId, project.id(), at, false));
        }
        for (int i = 0; i < eventCount + lateCount; i++) {
            boolean isLate = i >= eventCount;
            Instant at = isLate ? lateBefore.orElseThrow().minusSeconds(1 + (i - eventCount)) : after(rnd, newest, span);
            if (issues.isEmpty()) {
                throw new IllegalArgumentException("project " + project.slug() + " has no issue: add issues first");
            }
            int pos = rnd.nextInt(oldIssues > 0 ? oldIssues : issues.size());
            Issue issue = issues.get(pos);
            int k = (int) (Long.parseLong(issue.id()) - ProjectDataGenerator.ISSUE_ID_BASE - (long) index * 10_000);
            String error = issue.title().substring(0, issue.title().indexOf(':'));
            String module = issue.culprit().substring(0, issue.culprit().indexOf(" in handle_"));
            Event e = ProjectDataGenerator.event(rnd, project, issue.id(), k, error, module, issue.level(), at,
                    ProjectDataGenerator.user(rnd, data.users(), now));
            Issue moved = new Issue(issue.id(), issue.shortId(), issue.projectId(), issue.title(), issue.culprit(),
                    issue.level(), issue.status(), issue.platform(), issue.type(),
                    at.isBefore(issue.firstSeen()) ? at : issue.firstSeen(),
                    at.isAfter(issue.lastSeen()) ? at : issue.lastSeen(), issue.count() + 1, issue.userCount());
            issues.set(pos, moved);
            updated.removeIf(u -> u.id().equals(moved.id()));
            if (newIssues.stream().noneMatch(n -> n.id().equals(moved.id()))) {
                updated.add(moved);
            } else {
                newIssues.replaceAll(n -> n.id().equals(moved.id()) ? moved : n);
            }
            fresh.add(e);
            added.add(new AddedEvent(e.eventId(), issue.id(), project.id(), at, isLate));
        }
        events.addAll(fresh);
        List<Feedback> feedback = new ArrayList<>(data.feedback());
        for (int f = 0; f < feedbackCount && !events.isEmpty(); f++) {
            int n = feedback.size();
            if (n >= 10_000) {
                throw new IllegalArgumentException("project " + project.slug() + " already has 10000 feedback reports");
            }
            List<Event> pool = fresh.isEmpty() ? events : fresh;
            Event ev = pool.get(rnd.nextInt(pool.size()));
            Instant at = ev.dateCreated().plusSeconds(30).isAfter(now) ? now : ev.dateCreated().plusSeconds(30);
            Feedback fb = new Feedback(String.valueOf(9_000_000_000L + (long) index * 10_000 + n), ev.eventId(),
                    ev.issueId(), project.id(), ev.user().name(), ev.user().email(),
                    rnd.nextBoolean() ? "It crashed when I clicked save." : "The page was blank after login.", at);
            feedback.add(fb);
            newFeedback.add(fb);
        }
        events.sort(Comparator.comparing(Event::dateCreated).reversed().thenComparing(Event::eventId));
        issues.sort(Comparator.comparing(Issue::lastSeen).reversed().thenComparing(Issue::id));
        feedback.sort(Comparator.comparing(Feedback::dateCreated).reversed().thenComparing(Feedback::id));
        return new ProjectData(data.projectId(), issues, events, feedback, data.users());
    }

    /** An instant after {@code newest} and at or before {@code newest + span} seconds (now). */
    private static Instant after(SplittableRandom rnd, Instant newest, long span) {
        return span == 0 ? newest : newest.plusSeconds(1 + (long) (rnd.nextDouble() * (span - 1)));
    }
}
