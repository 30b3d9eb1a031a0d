package dev.plugboard.host.cli;

import picocli.CommandLine.Option;

/** {@code --dry-run}: a provisioning command changes nothing and says what request it would make. */
public final class DryRunOption {
    @Option(names = "--dry-run", description = "Change nothing; say what request would be made.")
    private boolean dryRun;

    /** @return whether {@code --dry-run} was given */
    public boolean enabled() {
        return dryRun;
    }
}
