package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.store.StoredSync;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard syncs}: the history of syncs in the store. */
@Command(name = "syncs", mixinStandardHelpOptions = true,
        description = {"List the syncs in the store, oldest first.",
            "Connection, id, status (running, completed, failed, interrupted), when, counts, requests and retries."})
final class SyncsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Store opened = store.open()) {
            Optional<StoredConnection> only = store.connection().map(n -> opened.connection(Optional.of(n)));
            List<StoredSync> syncs = opened.syncs(only);
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(opened,
                        syncs)));
                return ExitCode.OK.code();
            }
            if (syncs.isEmpty()) {
                out.println("No syncs in " + opened.location().describe() + (only.isPresent() ? " for connection '"
                        + only.get().name() + "'" : "") + " yet: run plugboard sync.");
                return ExitCode.OK.code();
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"CONNECTION", "SYNC", "STATUS", "STARTED", "FINISHED", "RESOURCES", "ENTITLEMENTS",
                "GRANTS", "REQUESTS", "RETRIES", "DURATION", "ERROR"});
            for (StoredSync s : syncs) {
                rows.add(new String[] {s.connectionName(), Long.toString(s.id()), s.status().sql(),
                    s.startedAt().toString(), s.finishedAt().map(Object::toString).orElse("-"),
                    Long.toString(s.resources()), Long.toString(s.entitlements()), Long.toString(s.grants()),
                    Long.toString(s.requests()), Long.toString(s.retries()),
                    String.format(Locale.ROOT, "%.1f s", s.durationMillis() / 1000.0), s.error().orElse("")});
            }
            PluginsCommand.printTable(out, rows);
            return ExitCode.OK.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    private static ObjectNode toJson(Store store, List<StoredSync> syncs) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("store", store.location().describe());
        ArrayNode list = root.putArray("syncs");
        for (StoredSync s : syncs) {
            ObjectNode n = list.addObject();
            n.put("id", s.id());
            n.put("connection", s.connectionName());
            n.put("status", s.status().sql());
            n.put("pluginVersion", s.pluginVersion());
            n.put("spiVersion", s.spiVersion());
            n.put("hostVersion", s.hostVersion());
            ArrayNode types = n.putArray("types");
            s.types().forEach(types::add);
            n.put("startedAt", s.startedAt().toString());
            if (s.finishedAt().isPresent()) {
                n.put("finishedAt", s.finishedAt().get().toString());
            } else {
                n.putNull("finishedAt");
            }
            ObjectNode counts = n.putObject("counts");
            counts.put("resourceType", s.resourceTypes());
            counts.put("resource", s.resources());
            counts.put("entitlement", s.entitlements());
            counts.put("grant", s.grants());
            n.put("requests", s.requests());
            n.put("retries", s.retries());
            n.put("durationMillis", s.durationMillis());
            if (s.error().isPresent()) {
                n.put("error", s.error().get());
            } else {
                n.putNull("error");
            }
        }
        return root;
    }
}
