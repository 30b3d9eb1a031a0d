package dev.plugboard.host.cli;

import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plugboard grant}: make a principal hold an entitlement (just-in-time access). */
@Command(name = "grant", mixinStandardHelpOptions = true,
        description = {"Grant an entitlement to a principal, with ids exactly as a sync lists them.",
            "Idempotent: granting what is already held answers 'already so'.",
            "Exits 0 when done or already so, 10 when pending a person's action."})
final class GrantCommand extends ProvisioningCommand {
    @Option(names = "--entitlement", required = true, paramLabel = "ID", description = "Entitlement id, e.g. team:7:member.")
    private String entitlement;

    @Option(names = "--principal", required = true, paramLabel = "TYPE:ID", description = "Who gets it, e.g. user:42.")
    private String principal;

    @Override
    protected String operation() {
        return "grant()";
    }

    @Override
    protected Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun) {
        ResourceRef who = GrantIds.principal("--principal", principal);
        return p -> p.grant(new GrantRequest(entitlement, who, dryRun));
    }
}
