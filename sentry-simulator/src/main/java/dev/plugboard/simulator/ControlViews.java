package dev.plugboard.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.api.Views;
import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.simulator.model.Feedback;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.OrgChurn;
import java.util.Optional;

/** The JSON answers of the control endpoints {@code /__simulator/churn}, {@code /__simulator/grow} and stats. */
final class ControlViews {
    private ControlViews() {
    }

    /** {@code {"run", "percent", "seed", "counts": {kind: n}, "changes": [{"kind", "member", "team", ...}]}}. */
    static ObjectNode churn(Views views, OrgChurn.Report report) {
        ObjectNode out = views.object();
        out.put("run", report.run());
        out.put("percent", report.percent());
        out.put("seed", report.seed());
        ObjectNode counts = out.putObject("counts");
        report.counts().forEach(counts::put);
        ArrayNode changes = out.putArray("changes");
        for (OrgChurn.Change c : report.changes()) {
            ObjectNode n = changes.addObject();
            n.put("kind", c.kind());
            put(n, "member", c.member());
            put(n, "team", c.team());
            put(n, "project", c.project());
            put(n, "from", c.from());
            put(n, "to", c.to());
        }
        return out;
    }

    private static void put(ObjectNode n, String field, Optional<String> value) {
        value.ifPresent(v -> n.put(field, v));
    }

    /**
     * {@code {"run", "events": [{"id", "issue", "project", "dateCreated", "late"}], "newIssues": [...],
     * "updatedIssues": [{"id", "project", "lastSeen", "count"}], "feedback": [{"id", "event", "project",
     * "dateCreated"}]}}.
     */
    static ObjectNode growth(Views views, DataGrowth.Report report) {
        ObjectNode out = views.object();
        out.put("run", report.run());
        ArrayNode events = out.putArray("events");
        for (DataGrowth.AddedEvent e : report.events()) {
            events.addObject().put("id", e.eventId()).put("issue", e.issueId()).put("project", e.projectId())
                    .put("dateCreated", e.dateCreated().toString()).put("late", e.late());
        }
        issues(out.putArray("newIssues"), report.newIssues());
        issues(out.putArray("updatedIssues"), report.updatedIssues());
        ArrayNode feedback = out.putArray("feedback");
        for (Feedback f : report.feedback()) {
            feedback.addObject().put("id", f.id()).put("event", f.eventId()).put("project", f.projectId())
                    .put("dateCreated", f.dateCreated().toString());
        }
        return out;
    }

    private static void issues(ArrayNode out, Iterable<Issue> issues) {
        for (Issue i : issues) {
            out.addObject().put("id", i.id()).put("project", i.projectId()).put("firstSeen", i.firstSeen().toString())
                    .put("lastSeen", i.lastSeen().toString()).put("count", i.count());
        }
    }

    /** The totals of churn and growth since the simulator started (not reset with the request counters). */
    static ObjectNode totals(Views views, OrgChanges.Totals t) {
        ObjectNode out = views.object();
        out.put("churnRuns", t.churnRuns());
        out.put("churnChanges", t.churnChanges());
        out.put("growthRuns", t.growthRuns());
        out.put("events", t.events());
        out.put("lateEvents", t.lateEvents());
        out.put("issues", t.issues());
        out.put("updatedIssues", t.updatedIssues());
        out.put("feedback", t.feedback());
        return out;
    }
}
