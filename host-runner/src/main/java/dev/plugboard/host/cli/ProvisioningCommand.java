package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * The base of the commands that change access through a plugin's {@link Provisioning} ({@code grant},
 * {@code revoke}, {@code account create|delete}): {@code --dry-run} and {@code --json}, one call, its outcome
 * printed for people or as JSON, and exit code 10 when the outcome needs a person's action.
 */
abstract class ProvisioningCommand extends ConnectorCommand {
    @Mixin
    private DryRunOption dryRun;

    @Mixin
    private JsonOption json;

    private Function<Provisioning, CompletionStage<ProvisioningResult>> call;

    /**
     * Reads the options into the call to make, before anything is loaded.
     *
     * @param dryRun whether {@code --dry-run} was given
     * @return the call
     * @throws HostException (usage) when an option is malformed
     */
    protected abstract Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun);

    @Override
    protected boolean namesItsTargets() {
        return true;
    }

    @Override
    protected final void checkOptions() {
        call = prepare(dryRun.enabled());
    }

    @Override
    protected int run(ConnectorSession session) {
        ProvisioningResult result = send(session);
        print(session, result, node -> { }, List.of());
        return exitCode(result);
    }

    /** @return whether {@code --dry-run} was given */
    protected final boolean dryRun() {
        return dryRun.enabled();
    }

    /**
     * Sends the call prepared from the options.
     *
     * @param session the session
     * @return the plugin's answer
     */
    protected final ProvisioningResult send(ConnectorSession session) {
        return session.await(call.apply(session.provisioning()), operation());
    }

    /**
     * @param result the plugin's answer
     * @return 10 when it needs a person's action, else 0
     */
    protected static int exitCode(ProvisioningResult result) {
        return result.outcome() == ProvisioningResult.Outcome.NEEDS_ACTION ? ExitCode.PENDING.code()
                : ExitCode.OK.code();
    }

    /**
     * Prints the answer for people, or as JSON.
     *
     * @param session  the session (its masker)
     * @param result   the answer
     * @param moreJson adds the command's own fields to the JSON object
     * @param moreText lines printed after the answer for people
     */
    protected final void print(ConnectorSession session, ProvisioningResult result, Consumer<ObjectNode> moreJson,
                               List<String> moreText) {
        PrintWriter out = out();
        SecretMasker masker = session.config().masker();
        String message = masker.mask(result.message());
        if (json.enabled()) {
            ObjectNode node = Json.object();
            node.put("outcome", result.outcome().name());
            node.put("message", message);
            ArrayNode requests = node.putArray("requests");
            result.requests().forEach(r -> requests.add(masker.mask(r)));
            result.created().ifPresent(c -> node.put("created", c.toString()));
            moreJson.accept(node);
            JsonOption.print(out, node);
        } else {
            out.println(label(result.outcome()) + ": " + message);
            result.created().ifPresent(c -> out.println("  account: " + c));
            String verb = result.outcome() == ProvisioningResult.Outcome.PLANNED ? "  would send: " : "  sent: ";
            result.requests().forEach(r -> out.println(verb + masker.mask(r)));
            moreText.forEach(out::println);
        }
        out.flush();
    }

    /** @return an outcome as people read it */
    static String label(ProvisioningResult.Outcome outcome) {
        return switch (outcome) {
            case DONE -> "done";
            case ALREADY_SO -> "already so";
            case NEEDS_ACTION -> "needs action";
            case PLANNED -> "dry run";
        };
    }
}
