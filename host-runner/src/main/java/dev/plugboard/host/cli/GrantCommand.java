package dev.plugboard.host.cli;

import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.ResourceRef;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plugboard grant}: make a principal hold an entitlement (just-in-time access). */
@Command(name = "grant", mixinStandardHelpOptions = true,
        description = {"Grant an entitlement to a principal, with ids exactly as a sync lists them.",
            "Idempotent: granting what is already held answers 'already so'.",
            "Exits 0 when done or already so, 10 when pending a person's action."})
final class GrantCommand implements Callable<Integer> {
    @ParentCommand
    private PlugboardCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectorOptions options;

    @Option(names = "--entitlement", required = true, paramLabel = "ID", description = "Entitlement id, e.g. team:7:member.")
    private String entitlement;

    @Option(names = "--principal", required = true, paramLabel = "TYPE:ID", description = "Who gets it, e.g. user:42.")
    private String principal;

    @Option(names = "--dry-run", description = "Change nothing; say what request would be made.")
    private boolean dryRun;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    private boolean json;

    @Override
    public Integer call() {
        ResourceRef who = GrantIds.principal("--principal", principal);
        return ProvisioningOutput.run(root, options, "grant()", json, spec.commandLine().getOut(),
                p -> p.grant(new GrantRequest(entitlement, who, dryRun)));
    }
}
