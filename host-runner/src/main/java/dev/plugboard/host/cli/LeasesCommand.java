package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.store.Lease;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code plugboard leases}: the time-bound grants in the store and how each ended. */
@Command(name = "leases", mixinStandardHelpOptions = true,
        description = {"List the leases (grants made with --for or --until) in the store, oldest first.",
            "State: granting, active, pending, due (past its end, not yet expired), failed, ended; how it ended",
            "(revoked, already so, kept, handed over) and what reading the target back found."})
final class LeasesCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions store;

    @ArgGroup(exclusive = true)
    private Which which;

    static final class Which {
        @Option(names = "--active", required = true, description = "Only leases that still grant access.")
        boolean active;

        @Option(names = "--expired", required = true, description = "Only leases past their end (ended or due).")
        boolean expired;
    }

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Instant now = ((PlugboardCommand) spec.root().userObject()).clock().instant();
        try (Store opened = store.open()) {
            Optional<StoredConnection> only = store.connection().map(n -> opened.connection(Optional.of(n)));
            List<Lease> leases = opened.leases().list(only).stream().filter(l -> which == null
                    || (which.active ? l.activeAt(now) : !l.endsAt().isAfter(now) && l.state() != Lease.State.FAILED))
                    .toList();
            if (json.enabled()) {
                ObjectNode root = Json.object();
                root.put("store", opened.location().describe());
                root.put("now", now.toString());
                ArrayNode list = root.putArray("leases");
                leases.forEach(l -> describe(list.addObject(), l).put("status", status(l, now)));
                JsonOption.print(out, root);
                return ExitCode.OK.code();
            }
            if (leases.isEmpty()) {
                out.println("No " + (which == null ? "" : which.active ? "active " : "expired ") + "lease in "
                        + opened.location().describe() + only.map(c -> " for connection '" + c.name() + "'")
                        .orElse("") + (which == null ? "; grant with --for or --until to make one." : "."));
                return ExitCode.OK.code();
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"LEASE", "CONNECTION", "ENTITLEMENT", "PRINCIPAL", "STATUS", "ENDS", "GRANT", "END",
                "READ BACK", "REQUESTED BY", "REASON"});
            for (Lease l : leases) {
                rows.add(new String[] {Long.toString(l.id()), l.connection(), l.entitlementId(), l.principal(),
                    status(l, now), l.endsAt().toString(), l.grantOutcome().map(Lease.GrantOutcome::label).orElse("-"),
                    l.endOutcome().map(Lease.EndOutcome::label).orElse("-"),
                    l.verification().map(Lease.Verification::label).orElse("-"),
                    Terminal.safe(l.requestedBy().orElse("-")), Terminal.safe(l.reason().orElse(""))});
            }
            PluginsCommand.printTable(out, rows);
            return ExitCode.OK.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    /** @return the state as people read it: {@code due} for a lease past its end that expiry has not ended */
    static String status(Lease l, Instant now) {
        boolean open = l.state() != Lease.State.ENDED && l.state() != Lease.State.FAILED;
        return open && !l.endsAt().isAfter(now) ? "due" : l.state().sql();
    }

    /**
     * Writes a lease's fields into a JSON object.
     *
     * @param n the object
     * @param l the lease
     * @return the object
     */
    static ObjectNode describe(ObjectNode n, Lease l) {
        n.put("id", l.id());
        n.put("connection", l.connection());
        n.put("entitlement", l.entitlementId());
        n.put("principal", l.principal());
        text(n, "reason", l.reason());
        text(n, "requestedBy", l.requestedBy());
        n.put("grantedBy", l.grantedBy());
        n.put("requestedAt", l.requestedAt().toString());
        n.put("endsAt", l.endsAt().toString());
        n.put("state", l.state().sql());
        text(n, "grantOutcome", l.grantOutcome().map(Lease.GrantOutcome::sql));
        text(n, "grantedAt", l.grantedAt().map(Instant::toString));
        text(n, "grantMessage", l.grantMessage());
        n.put("expiryRevokes", l.ownsAccess());
        n.put("revokeAttempts", l.attempts());
        text(n, "endedAt", l.endedAt().map(Instant::toString));
        text(n, "endOutcome", l.endOutcome().map(Lease.EndOutcome::sql));
        text(n, "endMessage", l.endMessage());
        text(n, "verifiedAt", l.verifiedAt().map(Instant::toString));
        text(n, "verification", l.verification().map(Lease.Verification::sql));
        text(n, "verifyMessage", l.verifyMessage());
        return n;
    }

    private static void text(ObjectNode n, String name, Optional<String> value) {
        if (value.isPresent()) {
            n.put(name, value.get());
        } else {
            n.putNull(name);
        }
    }
}
