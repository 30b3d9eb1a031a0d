package dev.plugboard.host.cli;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.store.Lease;
import dev.plugboard.host.store.LeaseRequest;
import dev.plugboard.host.store.Leases;
import dev.plugboard.host.store.Store;
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plugboard grant}: make a principal hold an entitlement, for good or for a time (a lease). */
@Command(name = "grant", mixinStandardHelpOptions = true,
        description = {"Grant an entitlement to a principal, with ids exactly as a sync lists them.",
            "Idempotent: granting what is already held answers 'already so'.",
            "With --for or --until, the grant is a lease, recorded in the store: 'plugboard expire' revokes it at its",
            "end, and leaves alone access the principal held before.",
            "Exits 0 when done or already so, 10 when pending a person's action."})
final class GrantCommand extends ProvisioningCommand {
    @Option(names = "--entitlement", required = true, paramLabel = "ID", description = "Entitlement id, e.g. team:7:member.")
    private String entitlement;

    @Option(names = "--principal", required = true, paramLabel = "TYPE:ID", description = "Who gets it, e.g. user:42.")
    private String principal;

    @Option(names = "--for", paramLabel = "DURATION", description = "A lease of this length: 90s, 30m, 8h, 2d, 1h30m.")
    private String forText;

    @Option(names = "--until", paramLabel = "TIME", description = "A lease until this time, e.g. 2026-12-02T18:00:00Z.")
    private String untilText;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept with the lease), e.g. a ticket id.")
    private String reason;

    @Option(names = "--requested-by", paramLabel = "WHO", description = "Who asked for it (kept with the lease).")
    private String requestedBy;

    @Mixin
    private StoreOptions store;

    private Optional<Duration> length = Optional.empty();
    private Optional<Instant> until = Optional.empty();

    @Override
    protected String operation() {
        return "grant()";
    }

    @Override
    protected Function<Provisioning, CompletionStage<ProvisioningResult>> prepare(boolean dryRun) {
        ResourceRef who = GrantIds.principal("--principal", principal);
        if (forText != null && untilText != null) {
            throw new HostException(ExitCode.USAGE, "give --for or --until, not both");
        }
        if (forText != null) {
            length = Optional.of(LeaseTimes.duration(forText));
        }
        if (untilText != null) {
            Instant end = LeaseTimes.until(untilText).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant now = root().clock().instant();
            if (!end.isAfter(now)) {
                throw new HostException(ExitCode.USAGE, "--until " + untilText + " is not in the future (now "
                        + now + "); give a later time, or --for DURATION");
            }
            until = Optional.of(end);
        }
        boolean lease = length.isPresent() || until.isPresent();
        if (!lease) {
            List<String> leaseOnly = new java.util.ArrayList<>();
            if (reason != null) {
                leaseOnly.add("--reason");
            }
            if (requestedBy != null) {
                leaseOnly.add("--requested-by");
            }
            if (store.connection().isPresent()) {
                leaseOnly.add("--connection");
            }
            if (!leaseOnly.isEmpty()) {
                throw new HostException(ExitCode.USAGE, String.join(" and ", leaseOnly) + (leaseOnly.size() == 1
                        ? " belongs" : " belong") + " to a lease: add --for DURATION or --until TIME");
            }
        }
        return p -> p.grant(new GrantRequest(entitlement, who, dryRun));
    }

    @Override
    protected int run(ConnectorSession session) {
        if (length.isEmpty() && until.isEmpty()) {
            return super.run(session);
        }
        // the store keeps milliseconds: what is printed is what is recorded
        Instant now = session.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant ends = length.map(now::plus).orElseGet(until::get).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (dryRun()) {
            ProvisioningResult result = send(session);
            print(session, result, node -> node.putObject("lease").put("endsAt", ends.toString()),
                    List.of("  would record a lease until " + ends + " in " + store.location().describe()));
            return exitCode(result);
        }
        SecretMasker masker = session.config().masker();
        Store opened;
        try {
            opened = store.open();
        } catch (HostException e) {
            throw new HostException(e.exitCode(), e.getMessage() + "\nNothing was granted: a lease is recorded before"
                    + " its grant is sent.", e);
        }
        try (opened) {
            Leases leases = opened.leases();
            Lease lease;
            try {
                StoredConnection connection = opened.connect(session.plugin().id(),
                        session.config().identityValues(), store.connection());
                lease = leases.begin(connection, new LeaseRequest(entitlement, principal, Optional.ofNullable(reason),
                        Optional.ofNullable(requestedBy), System.getProperty("user.name", "unknown"), now, ends));
            } catch (StoreException e) {
                throw new HostException(StoreOptions.exitCode(e), e.getMessage() + "\nNothing was granted: a lease is"
                        + " recorded before its grant is sent.", e);
            }
            ProvisioningResult result;
            try {
                result = send(session);
            } catch (HostException e) {
                String recorded = recordFailure(leases, lease, masker.mask(e.getMessage()), session);
                throw new HostException(e.exitCode(), e.getMessage() + "\n" + recorded, e.getCause() == null ? e
                        : e.getCause());
            }
            Lease.GrantOutcome outcome = switch (result.outcome()) {
                case DONE -> Lease.GrantOutcome.DONE;
                case ALREADY_SO -> Lease.GrantOutcome.ALREADY_SO;
                case NEEDS_ACTION -> Lease.GrantOutcome.NEEDS_ACTION;
                case PLANNED -> throw new HostException(ExitCode.INTERNAL, "plugin '" + session.plugin().id()
                        + "' answered a dry run to a grant that was not one (a bug in the plugin)");
            };
            try {
                lease = leases.granted(lease, outcome, masker.mask(result.message()),
                        result.requests().stream().map(masker::mask).toList(), session.clock().instant());
            } catch (StoreException e) {
                print(session, result, node -> { }, List.of());
                throw new HostException(StoreOptions.exitCode(e), "the grant was sent and answered '"
                        + label(result.outcome()) + "', but the store could not record that answer: " + e.getMessage()
                        + "\nLease " + lease.id() + " stays 'granting'; at its end (" + ends + ") plugboard expire"
                        + " revokes it unless the sync before it shows the access was already held.", e);
            }
            Lease recorded = lease;
            print(session, result, node -> {
                var n = node.putObject("lease");
                n.put("id", recorded.id());
                n.put("connection", recorded.connection());
                n.put("endsAt", recorded.endsAt().toString());
                n.put("expiryRevokes", recorded.ownsAccess());
            }, List.of("  lease " + lease.id() + " of connection '" + lease.connection() + "' ends " + ends
                    + (lease.ownsAccess() ? "; plugboard expire revokes it then"
                    : "; the access was held before, so expiry will leave it")));
            return exitCode(result);
        }
    }

    private static String recordFailure(Leases leases, Lease lease, String message, ConnectorSession session) {
        try {
            leases.granted(lease, Lease.GrantOutcome.FAILED, message, List.of(), session.clock().instant());
            return "Lease " + lease.id() + " records the failure; there is nothing to expire.";
        } catch (StoreException e) {
            return "Lease " + lease.id() + " could not record the failure (" + e.getMessage() + "); it stays"
                    + " 'granting', and plugboard expire settles it at its end.";
        }
    }
}
