package dev.plugboard.host.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.output.Plurals;
import dev.plugboard.host.store.Lease;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.host.sync.SyncIdentity;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code plugboard expire}: ends the leases of a connection that are past their end. */
@Command(name = "expire", mixinStandardHelpOptions = true,
        description = {"Revoke every lease of the configuration's connection that is past its end, read the target"
                + " back, and record both.",
            "Leaves alone access held before the lease. Safe to rerun, also after a run that stopped half-way.",
            "For cron: exits 0 when every due lease ended, 9 listing those that did not.",
            "Without --config, lists the due leases and the configuration it needs."})
final class ExpireCommand implements Callable<Integer> {
    private static final String CONNECTION_SALT = "plugboard-connection";

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectorOptions options;

    @Mixin
    private StoreOptions store;

    @Mixin
    private DryRunOption dryRun;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        PlugboardCommand root = (PlugboardCommand) spec.root().userObject();
        PrintWriter out = spec.commandLine().getOut();
        if (options.config().isEmpty()) {
            return listNeeds(root, out);
        }
        try (ConnectorSession session = ConnectorSession.load(root, options); Store opened = store.open()) {
            Optional<StoredConnection> connection = connectionOf(opened, session);
            if (connection.isEmpty()) {
                print(out, Optional.empty(), List.of(), root.clock().instant(), Optional.empty());
                return ExitCode.OK.code();
            }
            StoredConnection c = connection.get();
            List<LeaseExpiry.Outcome> outcomes = new LeaseExpiry(session, opened.leases(), c).run(dryRun.enabled());
            Instant now = root.clock().instant();
            print(out, connection, outcomes, now, opened.leases().nextEnd(c, now));
            return outcomes.stream().allMatch(LeaseExpiry.Outcome::ended) ? ExitCode.OK.code()
                    : ExitCode.NOT_ENDED.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        } catch (dev.plugboard.spi.ConnectorException e) {
            throw new HostException(ExitCode.of(e.kind()), root.masker().mask(e.getMessage()), e);
        }
    }

    /**
     * @return the connection of this plugin and configuration; empty when the store has none and no lease of this
     *         plugin (nothing to do); a usage error when other connections of the plugin have leases (a changed
     *         configuration must not leave them to run forever)
     */
    private Optional<StoredConnection> connectionOf(Store opened, ConnectorSession session) {
        String plugin = session.plugin().id();
        String identity = new SyncIdentity(plugin, List.of(), session.config().identityValues())
                .configDigest(CONNECTION_SALT);
        List<StoredConnection> ofPlugin = opened.connections().stream().filter(c -> c.pluginId().equals(plugin))
                .toList();
        Optional<StoredConnection> found = ofPlugin.stream().filter(c -> c.configIdentity().equals(identity))
                .findFirst();
        if (found.isPresent()) {
            if (store.connection().isPresent() && !store.connection().get().equals(found.get().name())) {
                throw new HostException(ExitCode.USAGE, "--connection " + store.connection().get() + " is not the"
                        + " connection of " + options.configSource() + ": that is '" + found.get().name() + "'");
            }
            return found;
        }
        List<StoredConnection> withLeases = ofPlugin.stream()
                .filter(c -> !opened.leases().list(Optional.of(c)).isEmpty()).toList();
        if (withLeases.isEmpty()) {
            return Optional.empty();
        }
        throw new HostException(ExitCode.USAGE, "no connection in the store " + opened.location().describe() + " has the"
                + " configuration " + options.configSource() + ", so it has no lease; the leases of plugin '" + plugin
                + "' are on " + withLeases.stream().map(c -> "'" + c.name() + "' (" + c.config() + ")")
                .collect(Collectors.joining(", ")) + ": run expire with that connection's configuration");
    }

    private void print(PrintWriter out, Optional<StoredConnection> c, List<LeaseExpiry.Outcome> outcomes, Instant now,
                       Optional<Instant> next) {
        List<LeaseExpiry.Outcome> left = outcomes.stream().filter(o -> !o.ended()).toList();
        if (json.enabled()) {
            ObjectNode root = Json.object();
            if (c.isPresent()) {
                root.put("connection", c.get().name());
            } else {
                root.putNull("connection");
            }
            root.put("now", now.toString());
            root.put("dryRun", dryRun.enabled());
            ArrayNode list = root.putArray("leases");
            for (LeaseExpiry.Outcome o : outcomes) {
                ObjectNode n = list.addObject();
                LeasesCommand.describe(n, o.lease());
                n.put("action", o.action());
                n.put("message", o.message());
                ArrayNode requests = n.putArray("requests");
                o.requests().forEach(requests::add);
                n.put("ended", o.ended());
            }
            root.put("notEnded", left.size());
            if (next.isPresent()) {
                root.put("nextEnd", next.get().toString());
            } else {
                root.putNull("nextEnd");
            }
            JsonOption.print(out, root);
            return;
        }
        if (c.isEmpty()) {
            out.println("No lease: the store has no connection with this configuration.");
            return;
        }
        if (outcomes.isEmpty()) {
            out.println("No lease of connection '" + c.get().name() + "' is past its end"
                    + next.map(n -> "; the next ends " + n).orElse("") + ".");
            return;
        }
        for (LeaseExpiry.Outcome o : outcomes) {
            Lease l = o.lease();
            out.println("lease " + l.id() + ": " + o.action() + ": " + l.entitlementId() + " of " + l.principal()
                    + " (ended " + l.endsAt() + ") - " + Terminal.safe(o.message()));
            o.requests().forEach(r -> out.println("  sent: " + r));
            if (o.ended() && l.verification().isPresent()) {
                out.println("  read back: " + l.verification().get().label() + " (" + l.verifyMessage().orElse("")
                        + ")");
            }
        }
        String verb = dryRun.enabled() ? "would end " : "ended ";
        out.println(verb + Plurals.of(outcomes.size() - left.size(), "lease") + " of connection '"
                + c.get().name() + "'" + (left.isEmpty() ? "." : "; " + left.size() + " did not end:"));
        left.forEach(o -> out.println("  lease " + o.lease().id() + " " + o.lease().entitlementId() + " of "
                + o.lease().principal() + ": " + o.action() + ": " + Terminal.safe(o.message())));
    }

    /** Without a configuration: the due leases, and which configuration revoking them needs. */
    private int listNeeds(PlugboardCommand root, PrintWriter out) {
        Instant now = root.clock().instant();
        try (Store opened = store.open()) {
            List<StoredConnection> candidates = opened.connections().stream()
                    .filter(c -> c.pluginId().equals(options.plugin()))
                    .filter(c -> store.connection().map(c.name()::equals).orElse(true)).toList();
            int due = 0;
            ObjectNode doc = Json.object();
            ArrayNode list = doc.putArray("connections");
            for (StoredConnection c : candidates) {
                List<Lease> leases = opened.leases().due(c, now);
                if (leases.isEmpty()) {
                    continue;
                }
                due += leases.size();
                ObjectNode n = list.addObject();
                n.put("connection", c.name());
                n.set("configuration", readJson(c.config()));
                ArrayNode ls = n.putArray("due");
                leases.forEach(l -> LeasesCommand.describe(ls.addObject(), l));
                if (!json.enabled()) {
                    out.println("Connection '" + c.name() + "': " + Plurals.of(leases.size(), "lease") + " past"
                            + " its end:");
                    leases.forEach(l -> out.println("  lease " + l.id() + " " + l.entitlementId() + " of "
                            + l.principal() + ", ended " + l.endsAt()));
                    out.println("  to end them: plugboard expire " + options.plugin() + " --config FILE, FILE"
                            + " holding this configuration and its secrets (the store keeps none): " + c.config());
                }
            }
            if (json.enabled()) {
                doc.put("needs", "--config FILE");
                JsonOption.print(out, doc);
            } else if (due == 0) {
                out.println("No lease of plugin '" + options.plugin() + "' is past its end; expire needs --config FILE"
                        + " (the configuration grant used) to revoke.");
            }
            return due == 0 ? ExitCode.OK.code() : ExitCode.NOT_ENDED.code();
        } catch (StoreException e) {
            throw StoreOptions.failure(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return Json.read(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Json.object().put("unreadable", text);
        }
    }
}
