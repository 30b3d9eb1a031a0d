package dev.plugboard.host.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The store's leases: time-bound grants and every step taken on them. Each step is recorded in its own transaction,
 * before and after the remote call it stands for, so a process that stops half-way leaves a record the next run
 * can continue from. Every method throws {@link StoreException} when the store fails.
 */
public interface Leases {

    /**
     * Records a lease before its grant is sent (state {@code granting}).
     *
     * @param connection the connection
     * @param request    the lease
     * @return the lease
     */
    Lease begin(StoredConnection connection, LeaseRequest request);

    /**
     * Records the grant's answer: {@code done} and {@code needs_action} make the lease own the access (expiry revokes
     * it), {@code already_so} does not (expiry leaves it), {@code failed} ends nothing and expires nothing.
     *
     * @param lease    the lease
     * @param outcome  the answer
     * @param message  its message (secrets masked)
     * @param requests the requests sent
     * @param at       when it answered
     * @return the lease as recorded
     */
    Lease granted(Lease lease, Lease.GrantOutcome outcome, String message, List<String> requests, Instant at);

    /**
     * @param connection one connection, or empty for all
     * @return their leases, oldest first
     */
    List<Lease> list(Optional<StoredConnection> connection);

    /**
     * @param id a lease id
     * @return that lease
     */
    Optional<Lease> find(long id);

    /**
     * @param connection the connection
     * @param now        now
     * @return the leases of the connection that expiry must handle: not ended and past their end, and ended ones
     *         whose read-back was not recorded; oldest end first
     */
    List<Lease> due(StoredConnection connection, Instant now);

    /**
     * @param connection the connection
     * @param now        now
     * @return the next end among the connection's leases not yet ended, if any
     */
    Optional<Instant> nextEnd(StoredConnection connection, Instant now);

    /**
     * @param lease a lease that ends
     * @param now   now
     * @return a lease of the same access on the same connection that has not ended and ends later, to hand it to
     */
    Optional<Lease> successor(Lease lease, Instant now);

    /**
     * Ends a lease by handing its access to a later lease of the same access, which then owns it.
     *
     * @param lease     the lease ending
     * @param successor the later lease
     * @param at        now
     * @return the lease as recorded
     */
    Lease handOver(Lease lease, Lease successor, Instant at);

    /**
     * Ends a lease without a revoke: the principal held the access before it.
     *
     * @param lease   the lease
     * @param message why
     * @param at      now
     * @return the lease as recorded
     */
    Lease keep(Lease lease, String message, Instant at);

    /**
     * Records that a revoke is about to be sent (state {@code revoking}, one more attempt).
     *
     * @param lease the lease
     * @param at    now
     * @return the lease as recorded
     */
    Lease revokeStarted(Lease lease, Instant at);

    /**
     * Records the revoke's answer and ends the lease.
     *
     * @param lease    the lease
     * @param outcome  {@code revoked} or {@code already_so}
     * @param message  the answer (secrets masked)
     * @param requests the requests sent
     * @param at       when it answered
     * @return the lease as recorded
     */
    Lease revoked(Lease lease, Lease.EndOutcome outcome, String message, List<String> requests, Instant at);

    /**
     * Records a revoke that failed; the lease stays due.
     *
     * @param lease   the lease
     * @param message why (secrets masked)
     * @param at      when
     * @return the lease as recorded
     */
    Lease revokeFailed(Lease lease, String message, Instant at);

    /**
     * Records what reading the target back found.
     *
     * @param lease        the lease
     * @param verification what it found
     * @param message      what was read
     * @param requests     the requests the read took
     * @param at           when
     * @return the lease as recorded
     */
    Lease verified(Lease lease, Lease.Verification verification, String message, long requests, Instant at);

    /**
     * @param lease a lease
     * @return its events, oldest first
     */
    List<LeaseEvent> events(Lease lease);

    /**
     * Whether the last sync of the connection completed before a moment saw the principal hold the entitlement
     * directly (a grant record of that entitlement and principal).
     *
     * @param connection    the connection
     * @param entitlementId the entitlement
     * @param principal     {@code type:id}
     * @param before        the moment
     * @return the answer, or empty when no sync completed before it
     */
    Optional<Boolean> heldBefore(StoredConnection connection, String entitlementId, String principal, Instant before);

    /**
     * @param connection the connection
     * @param kind       a record kind ({@code resource}, {@code entitlement})
     * @param key        its key ({@code type:id} for a resource, the id otherwise)
     * @return the newest stored version of the record as its sync-format JSON line
     */
    Optional<String> latest(StoredConnection connection, String kind, String key);
}
