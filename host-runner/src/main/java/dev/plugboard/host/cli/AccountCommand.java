package dev.plugboard.host.cli;

import dev.plugboard.spi.AccountRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plugboard account create|delete}: where a plugin can create and delete accounts. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Create (invite) or delete an account, where the plugin supports it.",
        subcommands = {AccountCommand.Create.class, AccountCommand.Delete.class})
final class AccountCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an account from attributes, e.g. --set email=ada@example.com --set role=member.",
                "The plugin's documentation lists the attributes it takes."})
    static final class Create extends ProvisioningCommand {
        @Option(names = "--set", required = true, paramLabel = "KEY=VALUE", mapFallbackValue = Assignments.NO_VALUE,
                description = "An attribute; repeat for several. A comma-separated value becomes a list.")
        private Map<String, String> attributes;

        @Override
        protected String operation() {
            return "createAccount()";
        }

        @Override
        protected Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun) {
            Assignments.check(attributes, written -> "--set: expected KEY=VALUE, got '" + written + "'");
            Map<String, Object> profile = new LinkedHashMap<>();
            attributes.forEach((key, value) -> profile.put(key, value.contains(",") ? List.of(value.split(",")) : value));
            return p -> p.createAccount(new AccountRequest(profile, dryRun));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an account, e.g. --account user:42.")
    static final class Delete extends ProvisioningCommand {
        @Option(names = "--account", required = true, paramLabel = "TYPE:ID", description = "The account, e.g. user:42.")
        private String target;

        @Override
        protected String operation() {
            return "deleteAccount()";
        }

        @Override
        protected Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun) {
            ResourceRef ref = GrantIds.principal("--account", target);
            return p -> p.deleteAccount(ref, dryRun);
        }
    }
}
