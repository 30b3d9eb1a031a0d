package dev.plugboard.conformance;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of every conformance check of one run, in the suite's order.
 *
 * @param checks the outcomes
 */
public record ConformanceReport(List<CheckOutcome> checks) {
    /** Copies. */
    public ConformanceReport {
        checks = List.copyOf(checks);
    }

    /**
     * @return whether every check that ran passed (skipped checks do not count against the plugin; a check that
     *         found an input wrong did not judge it, so the run proves nothing yet)
     */
    public boolean passed() {
        return !checks.isEmpty() && checks.stream().noneMatch(c -> c.status() == CheckOutcome.Status.FAILED
                || c.status() == CheckOutcome.Status.WRONG_INPUT);
    }

    /** @return the checks that found an input of the fixture wrong */
    public List<CheckOutcome> wrongInputs() {
        return checks.stream().filter(c -> c.status() == CheckOutcome.Status.WRONG_INPUT).toList();
    }

    /** @return the failed checks */
    public List<CheckOutcome> failures() {
        return checks.stream().filter(c -> c.status() == CheckOutcome.Status.FAILED).toList();
    }

    /**
     * @param name a check's name
     * @return its outcome, when the run has it
     */
    public Optional<CheckOutcome> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param status a status
     * @return how many checks ended so
     */
    public long count(CheckOutcome.Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
