package dev.plugboard.host.cli;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.host.store.Lease;
import dev.plugboard.host.store.Leases;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.RevokeRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ends the leases of one connection that are past their end. Each revoke is recorded as started before it is sent
 * and with its answer after, and the target is then read back ({@link AccessProbe}) and that is recorded too, so a
 * run that stops anywhere is continued by the next: a started revoke is sent again (revokes are idempotent), an
 * unread answer is read back.
 */
final class LeaseExpiry {
    private final ConnectorSession session;
    private final Leases leases;
    private final StoredConnection connection;
    private final AccessProbe probe;

    /**
     * What expiry did with one lease.
     *
     * @param lease          the lease, as recorded after
     * @param action         what was done: {@code revoked}, {@code already so}, {@code kept}, {@code handed over},
     *                       {@code would revoke}, {@code would keep}, {@code would hand over}, {@code revoke failed},
     *                       {@code still held}, {@code needs a person}
     * @param message        the answer or the reason
     * @param requests       the requests the revoke sent
     * @param ended          whether the lease ended as it should (a dry run ends nothing, and counts as ended)
     */
    record Outcome(Lease lease, String action, String message, List<String> requests, boolean ended) {
        Outcome {
            Objects.requireNonNull(lease, "lease");
            requests = List.copyOf(requests);
        }
    }

    LeaseExpiry(ConnectorSession session, Leases leases, StoredConnection connection) {
        this.session = session;
        this.leases = leases;
        this.connection = connection;
        this.probe = new AccessProbe(session, leases, connection);
    }

    /**
     * @param dryRun change nothing, record nothing; say what would be done
     * @return what was done with each due lease, oldest end first
     */
    List<Outcome> run(boolean dryRun) {
        Instant now = session.clock().instant();
        List<Outcome> outcomes = new ArrayList<>();
        for (Lease lease : leases.due(connection, now)) {
            outcomes.add(expire(lease, dryRun));
        }
        return outcomes;
    }

    private Outcome expire(Lease lease, boolean dryRun) {
        if (lease.state() == Lease.State.ENDED) {
            return dryRun ? new Outcome(lease, "would read back", "its revoke was answered; the read-back was not"
                    + " recorded", List.of(), true) : verify(lease, lease.endOutcome().orElseThrow().label(),
                    lease.endMessage().orElse(""), List.of());
        }
        boolean owns = lease.ownsAccess();
        if (lease.state() == Lease.State.GRANTING) {
            Optional<Boolean> before = leases.heldBefore(connection, lease.entitlementId(), lease.principal(),
                    lease.requestedAt());
            if (before.isEmpty()) {
                return unresolved(lease, dryRun);
            }
            owns = !before.get();
        }
        if (!owns) {
            String why = lease.state() == Lease.State.GRANTING ? "the last sync before the lease shows the access was"
                    + " already held" : "the principal held the access before the lease (its grant answered already so)";
            return dryRun ? new Outcome(lease, "would keep", why, List.of(), true)
                    : new Outcome(leases.keep(lease, why, now()), "kept", why, List.of(), true);
        }
        Optional<Lease> successor = leases.successor(lease, now());
        if (successor.isPresent()) {
            Lease next = successor.get();
            String why = "lease " + next.id() + " holds the same access until " + next.endsAt() + " and revokes it then";
            return dryRun ? new Outcome(lease, "would hand over", why, List.of(), true)
                    : new Outcome(leases.handOver(lease, next, now()), "handed over", why, List.of(), true);
        }
        if (dryRun) {
            return new Outcome(lease, "would revoke", "revoke " + lease.entitlementId() + " from " + lease.principal(),
                    List.of(), true);
        }
        return revoke(lease);
    }

    private Outcome revoke(Lease lease) {
        SecretMasker masker = session.config().masker();
        boolean retry = lease.state() == Lease.State.REVOKING;
        Lease started = leases.revokeStarted(lease, now());
        ProvisioningResult result;
        try {
            result = session.await(session.provisioning().revoke(new RevokeRequest(lease.entitlementId(),
                    ResourceRef.parse(lease.principal()), false)), "revoke()");
        } catch (HostException e) {
            String message = masker.mask(e.getMessage());
            return new Outcome(leases.revokeFailed(started, message, now()), "revoke failed", message, List.of(),
                    false);
        }
        String message = masker.mask(result.message());
        List<String> requests = result.requests().stream().map(masker::mask).toList();
        Lease.EndOutcome end;
        switch (result.outcome()) {
            case DONE -> end = Lease.EndOutcome.REVOKED;
            case ALREADY_SO -> {
                end = Lease.EndOutcome.ALREADY_SO;
                if (retry) {
                    message += " (an earlier expire was stopped after sending this revoke; it may have removed it)";
                }
            }
            default -> {
                String why = "the revoke answered '" + ProvisioningCommand.label(result.outcome()) + "': " + message;
                return new Outcome(leases.revokeFailed(started, why, now()), "revoke failed", why, requests, false);
            }
        }
        Lease ended = leases.revoked(started, end, message, requests, now());
        return verify(ended, end.label(), message, requests);
    }

    /** Reads the target back and records what it shows. */
    private Outcome verify(Lease lease, String action, String message, List<String> requests) {
        AccessProbe.Answer answer;
        try {
            answer = probe.check(lease.entitlementId(), lease.principal());
        } catch (HostException e) {
            answer = new AccessProbe.Answer(Optional.empty(), "the read-back failed: "
                    + session.config().masker().mask(e.getMessage()), 0);
        }
        Lease.Verification v = answer.held().map(h -> h ? Lease.Verification.STILL_HELD : Lease.Verification.GONE)
                .orElse(Lease.Verification.UNVERIFIED);
        Lease recorded = leases.verified(lease, v, answer.message(), answer.requests(), now());
        if (v == Lease.Verification.STILL_HELD) {
            return new Outcome(recorded, "still held", message + "; but the target still lists the grant ("
                    + answer.message() + ")", requests, false);
        }
        return new Outcome(recorded, action, message, requests, true);
    }

    /** A lease whose grant's answer was never recorded, with no sync before it to tell whether it was held. */
    private Outcome unresolved(Lease lease, boolean dryRun) {
        String why = "its grant's answer was never recorded (the process stopped) and no sync before it shows whether"
                + " the access was already held";
        if (dryRun) {
            return new Outcome(lease, "would read back", why, List.of(), true);
        }
        AccessProbe.Answer answer;
        try {
            answer = probe.check(lease.entitlementId(), lease.principal());
        } catch (HostException e) {
            answer = new AccessProbe.Answer(Optional.empty(), session.config().masker().mask(e.getMessage()), 0);
        }
        if (answer.held().equals(Optional.of(false))) {
            String message = "not held (" + answer.message() + "): " + why + ", and there is nothing to revoke";
            Lease ended = leases.revoked(leases.revokeStarted(lease, now()), Lease.EndOutcome.ALREADY_SO, message,
                    List.of(), now());
            return new Outcome(leases.verified(ended, Lease.Verification.GONE, answer.message(), answer.requests(),
                    now()), "already so", message, List.of(), true);
        }
        return new Outcome(lease, "needs a person", why + "; revoke it with plugboard revoke if it should go, then"
                + " rerun expire", List.of(), false);
    }

    private Instant now() {
        return session.clock().instant();
    }
}
