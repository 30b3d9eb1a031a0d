package dev.plugboard.spi;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * An open connection to one remote system, made by {@link ConnectorProvider#open}. Thread-safe: the host calls it
 * from several threads at once, up to its concurrency limit. Each capability the descriptor declares must be
 * present here, and no other.
 */
public interface Connector extends AutoCloseable {

    /**
     * Checks the configuration against the live system: reachable, credential valid, the target exists, each
     * permission the declared capabilities need is held.
     *
     * @return the findings; problems are findings, never a failed stage (a stage fails only for a bug)
     */
    CompletionStage<CheckResult> check();

    /** @return the resource sync capability, when offered */
    default Optional<ResourceSync> resourceSync() {
        return Optional.empty();
    }

    /** @return the provisioning capability, when offered */
    default Optional<Provisioning> provisioning() {
        return Optional.empty();
    }

    /** @return the reports capability, when offered */
    default Optional<Reports> reports() {
        return Optional.empty();
    }

    /** Releases every resource (threads, connections). Idempotent; never throws. */
    @Override
    void close();
}
