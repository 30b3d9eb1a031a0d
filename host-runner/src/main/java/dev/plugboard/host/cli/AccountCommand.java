package dev.plugboard.host.cli;

import dev.plugboard.spi.AccountRequest;
import dev.plugboard.spi.ResourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code plugboard account create|delete}: where a plugin can create and delete accounts. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Create (invite) or delete an account, where the plugin supports it.",
        subcommands = {AccountCommand.Create.class, AccountCommand.Delete.class})
final class AccountCommand {
    @ParentCommand
    PlugboardCommand root;

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an account from attributes, e.g. --set email=ada@example.com --set role=member.",
                "The plugin's documentation lists the attributes it takes."})
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private AccountCommand account;

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectorOptions options;

        @Option(names = "--set", required = true, paramLabel = "KEY=VALUE",
                description = "An attribute; repeat for several. A comma-separated value becomes a list.")
        private List<String> attributes;

        @Option(names = "--dry-run", description = "Change nothing; say what request would be made.")
        private boolean dryRun;

        @Option(names = "--json", description = "Print the outcome as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            Map<String, Object> profile = new LinkedHashMap<>();
            for (String a : attributes) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new HostException(ExitCode.USAGE, "--set: expected KEY=VALUE, got '" + a + "'");
                }
                String value = a.substring(eq + 1);
                profile.put(a.substring(0, eq), value.contains(",") ? List.of(value.split(",")) : value);
            }
            return ProvisioningOutput.run(account.root, options, "createAccount()", json, spec.commandLine().getOut(),
                    p -> p.createAccount(new AccountRequest(profile, dryRun)));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account, e.g. --account user:42.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        private AccountCommand account;

        @Spec
        private CommandSpec spec;

        @Mixin
        private ConnectorOptions options;

        @Option(names = "--account", required = true, paramLabel = "TYPE:ID", description = "The account, e.g. user:42.")
        private String target;

        @Option(names = "--dry-run", description = "Change nothing; say what request would be made.")
        private boolean dryRun;

        @Option(names = "--json", description = "Print the outcome as JSON.")
        private boolean json;

        @Override
        public Integer call() {
            ResourceRef ref = GrantIds.principal("--account", target);
            return ProvisioningOutput.run(account.root, options, "deleteAccount()", json, spec.commandLine().getOut(),
                    p -> p.deleteAccount(ref, dryRun));
        }
    }
}
