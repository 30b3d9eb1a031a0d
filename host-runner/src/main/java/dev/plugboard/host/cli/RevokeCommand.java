package dev.plugboard.host.cli;

import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.RevokeRequest;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plugboard revoke}: take an entitlement away from a principal. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revoke a grant, named by its grant id or by entitlement and principal, exactly as a sync lists them.",
            "Idempotent: revoking what is not held answers 'already so'."})
final class RevokeCommand extends ProvisioningCommand {
    @ArgGroup(exclusive = true, multiplicity = "1")
    private Target target;

    static final class Target {
        @Option(names = "--grant", required = true, paramLabel = "ID",
                description = "Grant id from a sync, e.g. team:7:member:user:42.")
        String grant;

        @ArgGroup(exclusive = false)
        Pair pair;
    }

    static final class Pair {
        @Option(names = "--entitlement", required = true, paramLabel = "ID", description = "Entitlement id, e.g. team:7:member.")
        String entitlement;

        @Option(names = "--principal", required = true, paramLabel = "TYPE:ID", description = "Who holds it, e.g. user:42.")
        String principal;
    }

    @Option(names = {"--for", "--until"}, hidden = true, paramLabel = "WHEN")
    private String leaseOption;

    @Override
    protected String operation() {
        return "revoke()";
    }

    @Override
    protected Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun) {
        if (leaseOption != null) {
            throw new HostException(ExitCode.USAGE, "revoke takes no --for or --until: a revoke is at once. For access"
                    + " that ends by itself, grant it with --for or --until, and run plugboard expire.");
        }
        RevokeRequest request;
        if (target.grant != null) {
            GrantIds.Parsed parsed = GrantIds.parse(target.grant);
            request = new RevokeRequest(parsed.entitlementId(), parsed.principal(), dryRun);
        } else {
            ResourceRef who = GrantIds.principal("--principal", target.pair.principal);
            request = new RevokeRequest(target.pair.entitlement, who, dryRun);
        }
        return p -> p.revoke(request);
    }
}
