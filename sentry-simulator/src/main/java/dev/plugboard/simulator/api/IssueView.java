package dev.plugboard.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.simulator.model.Issue;
import dev.plugboard.simulator.model.Project;

/** Renders an issue as Sentry's org issues list does (the OpenAPI spec's issue schema); split out of {@link Views}. */
final class IssueView {
    private IssueView() {
    }

    /** Fills {@code n} with issue {@code i} of {@code project}; permalinks point at {@code baseUrl}. */
    static ObjectNode render(ObjectNode n, Issue i, Project project, String baseUrl) {
        n.put("id", i.id());
        n.putNull("shareId");
        n.put("shortId", i.shortId());
        n.put("title", i.title());
        n.put("culprit", i.culprit());
        n.put("permalink", baseUrl + "/organizations/" + "-/issues/" + i.id() + "/");
        n.putNull("logger");
        n.put("level", i.level());
        n.put("status", i.status());
        n.putObject("statusDetails");
        n.put("substatus", switch (i.status()) {
            case "resolved" -> null;
            case "ignored" -> "archived_forever";
            default -> "ongoing";
        });
        n.put("isPublic", false);
        n.put("platform", i.platform());
        n.put("priority", i.level().equals("fatal") ? "high" : i.level().equals("error") ? "medium" : "low");
        n.putNull("priorityLockedAt");
        n.putNull("seerFixabilityScore");
        n.putNull("seerAutofixLastTriggered");
        n.putNull("seerExplorerAutofixLastTriggered");
        ObjectNode p = n.putObject("project");
        p.put("id", project.id());
        p.put("name", project.name());
        p.put("slug", project.slug());
        if (project.platform().isPresent()) {
            p.put("platform", project.platform().get());
        } else {
            p.putNull("platform");
        }
        n.put("type", i.type());
        n.put("issueType", "error");
        n.put("issueCategory", "error");
        int colon = i.title().indexOf(':');
        ObjectNode meta = n.putObject("metadata");
        meta.put("type", colon > 0 ? i.title().substring(0, colon) : i.title());
        meta.put("value", colon > 0 ? i.title().substring(colon + 2) : "");
        n.put("numComments", 0);
        n.putNull("assignedTo");
        n.put("isBookmarked", false);
        n.put("isSubscribed", false);
        n.putNull("subscriptionDetails");
        n.put("hasSeen", false);
        n.putArray("annotations");
        n.put("isUnhandled", false);
        n.put("count", String.valueOf(i.count()));
        n.put("userCount", i.userCount());
        n.put("firstSeen", Views.time(i.firstSeen()));
        n.put("lastSeen", Views.time(i.lastSeen()));
        n.putObject("stats");
        n.putObject("lifetime");
        n.putNull("filtered");
        ObjectNode derived = n.putObject("derivedData");
        derived.put("blocker", "");
        derived.put("progress", "");
        derived.put("status", "");
        derived.put("viewCount", 0);
        derived.put("hasOpenFixPr", false);
        derived.put("isAssigned", false);
        derived.put("hasRootCause", false);
        derived.put("lastCompletedAutofixStep", "");
        derived.putNull("lastProgressedAt");
        n.put("sessionCount", 0);
        ObjectNode inbox = n.putObject("inbox");
        inbox.put("reason", 0);
        inbox.putNull("reason_details");
        inbox.put("date_added", Views.time(i.firstSeen()));
        ObjectNode owners = n.putObject("owners");
        owners.put("type", "suspectCommit");
        owners.put("owner", "team:" + (project.teamIds().isEmpty() ? "0" : project.teamIds().get(0)));
        owners.put("date_added", Views.time(i.firstSeen()));
        n.putArray("integrationIssues");
        n.putArray("sentryAppIssues");
        n.put("latestEventHasAttachments", false);
        n.putNull("matchingEventId");
        n.putNull("matchingEventEnvironment");
        return n;
    }
}
