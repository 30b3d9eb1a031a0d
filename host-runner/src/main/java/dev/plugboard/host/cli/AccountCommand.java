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

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete an account, e.g. --account user:42.",
                "On a terminal it asks for confirmation first, unless --yes or --dry-run."})
    static final class Delete extends ProvisioningCommand {
        @Option(names = "--account", required = true, paramLabel = "TYPE:ID", description = "The account, e.g. user:42.")
        private String target;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation on a terminal.")
        private boolean yes;

        @Override
        protected String operation() {
            return "deleteAccount()";
        }

        @Override
        protected Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun) {
            ResourceRef ref = GrantIds.principal("--account", target);
            java.io.Console console = System.console();
            if (!dryRun && !yes && console != null) {
                String question = "Delete account " + ref.type() + ":" + ref.id() + " with plugin '"
                        + options().plugin() + "'? This removes it and everything it holds. Type yes to delete: ";
                if (!confirmed(new java.io.BufferedReader(console.reader()), console.writer(), question)) {
                    throw new HostException(ExitCode.INTERRUPTED, "nothing deleted: the answer was not 'yes'"
                            + " (--yes deletes without asking)");
                }
            }
            return p -> p.deleteAccount(ref, dryRun);
        }

        /** Asks once; only {@code yes} or {@code y} (any case) confirms, and no answer (end of input) does not. */
        static boolean confirmed(java.io.BufferedReader in, java.io.PrintWriter out, String question) {
            out.print(question);
            out.flush();
            try {
                String answer = in.readLine();
                return answer != null && (answer.strip().equalsIgnoreCase("yes") || answer.strip().equalsIgnoreCase("y"));
            } catch (java.io.IOException e) {
                return false;
            }
        }
    }
}
