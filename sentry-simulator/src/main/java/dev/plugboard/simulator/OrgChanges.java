package dev.plugboard.simulator;

import dev.plugboard.simulator.model.DataGrowth;
import dev.plugboard.simulator.model.OrgChurn;
import dev.plugboard.simulator.model.OrgState;
import java.time.Clock;

/**
 * Changes to the organization and its data between syncs (churn) and as time passes (growth), one run at a time,
 * numbered from 1: the same options and the same sequence of runs give the same organization.
 */
final class OrgChanges {
    /** Totals since start, for the stats. */
    record Totals(int churnRuns, int churnChanges, int growthRuns, int events, int lateEvents, int issues,
                  int updatedIssues, int feedback) {
    }

    private final OrgState state;
    private final Clock clock;
    private Totals totals = new Totals(0, 0, 0, 0, 0, 0, 0, 0);

    OrgChanges(OrgState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    synchronized OrgChurn.Report churn(double percent, long seed) {
        OrgChurn.Report report = OrgChurn.apply(state, percent, seed, totals.churnRuns() + 1, clock.instant());
        Totals t = totals;
        totals = new Totals(t.churnRuns() + 1, t.churnChanges() + report.changes().size(), t.growthRuns(),
                t.events(), t.lateEvents(), t.issues(), t.updatedIssues(), t.feedback());
        return report;
    }

    synchronized DataGrowth.Report grow(DataGrowth.Request request) {
        DataGrowth.Report report = DataGrowth.apply(state, request, totals.growthRuns() + 1, clock.instant());
        Totals t = totals;
        int late = (int) report.events().stream().filter(DataGrowth.AddedEvent::late).count();
        totals = new Totals(t.churnRuns(), t.churnChanges(), t.growthRuns() + 1,
                t.events() + report.events().size() - late, t.lateEvents() + late,
                t.issues() + report.newIssues().size(), t.updatedIssues() + report.updatedIssues().size(),
                t.feedback() + report.feedback().size());
        return report;
    }

    synchronized Totals totals() {
        return totals;
    }
}
