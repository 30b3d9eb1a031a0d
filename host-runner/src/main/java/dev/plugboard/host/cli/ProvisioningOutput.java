package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.ProvisioningResult;
import java.io.PrintWriter;

/** Prints a provisioning outcome for people or as JSON, and gives its exit code. */
final class ProvisioningOutput {
    private ProvisioningOutput() {
    }

    /**
     * Opens the plugin, runs one provisioning operation and prints its outcome.
     *
     * @return the exit code
     */
    static int run(PlugboardCommand root, ConnectorOptions options, String what, boolean json, PrintWriter out,
                   java.util.function.Function<dev.plugboard.spi.Provisioning,
                           java.util.concurrent.CompletionStage<ProvisioningResult>> operation) {
        try (ConnectorSession session = ConnectorSession.load(root, options)) {
            ProvisioningResult result = session.await(operation.apply(session.provisioning()), what);
            return print(out, result, json, session);
        }
    }

    static int print(PrintWriter out, ProvisioningResult result, boolean json, ConnectorSession session) {
        String message = session.config().masker().mask(result.message());
        if (json) {
            ObjectNode node = Json.object();
            node.put("outcome", result.outcome().name());
            node.put("message", message);
            result.requests().forEach(r -> node.withArray("requests").add(session.config().masker().mask(r)));
            if (result.requests().isEmpty()) {
                node.putArray("requests");
            }
            result.created().ifPresent(c -> node.put("created", c.toString()));
            out.println(Json.pretty(node));
        } else {
            String label = switch (result.outcome()) {
                case DONE -> "done";
                case ALREADY_SO -> "already so";
                case NEEDS_ACTION -> "needs action";
                case PLANNED -> "dry run";
            };
            out.println(label + ": " + message);
            result.created().ifPresent(c -> out.println("  account: " + c));
            String verb = result.outcome() == ProvisioningResult.Outcome.PLANNED ? "  would send: " : "  sent: ";
            result.requests().forEach(r -> out.println(verb + session.config().masker().mask(r)));
        }
        return result.outcome() == ProvisioningResult.Outcome.NEEDS_ACTION ? ExitCode.PENDING.code() : ExitCode.OK.code();
    }
}
