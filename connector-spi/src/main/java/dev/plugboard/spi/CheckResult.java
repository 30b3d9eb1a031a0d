package dev.plugboard.spi;

import java.util.List;

/**
 * What {@link Connector#check()} found.
 *
 * @param findings every finding, most important first
 */
public record CheckResult(List<Finding> findings) {

    /** Checks and copies. */
    public CheckResult {
        findings = List.copyOf(Checks.noNulls(findings, "findings"));
    }

    /** @return whether no finding is an error */
    public boolean ok() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    /** @return the error findings */
    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    }
}
