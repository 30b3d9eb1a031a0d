package dev.plugboard.host.store;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A time-bound grant: who got what on which connection, why, until when, what the grant answered, and what expiry
 * did. The store keeps one row per lease and an event per step ({@link LeaseEvent}).
 *
 * @param id            the lease id
 * @param connection    the connection's name
 * @param entitlementId the entitlement granted
 * @param principal     who got it, {@code type:id}
 * @param reason        why (as given with {@code --reason})
 * @param requestedBy   who asked for it ({@code --requested-by})
 * @param grantedBy     the operating-system user that ran the grant
 * @param requestedAt   when the lease was recorded, before the grant was sent
 * @param endsAt        when it ends
 * @param state         where it stands
 * @param grantOutcome  what the grant answered, once it answered
 * @param grantedAt     when it answered
 * @param grantMessage  the grant's message
 * @param ownsAccess    whether expiry revokes the access (false when the access was already held before the lease,
 *                      or was handed to a later lease of the same access)
 * @param attempts      revokes attempted
 * @param endedAt       when it ended
 * @param endOutcome    how it ended
 * @param endMessage    what the revoke answered, or why the access was left
 * @param verifiedAt    when the target was read back
 * @param verification  what the read-back found
 * @param verifyMessage what was read
 */
public record Lease(long id, String connection, String entitlementId, String principal, Optional<String> reason,
                    Optional<String> requestedBy, String grantedBy, Instant requestedAt, Instant endsAt, State state,
                    Optional<GrantOutcome> grantOutcome, Optional<Instant> grantedAt, Optional<String> grantMessage,
                    boolean ownsAccess, int attempts, Optional<Instant> endedAt, Optional<EndOutcome> endOutcome,
                    Optional<String> endMessage, Optional<Instant> verifiedAt, Optional<Verification> verification,
                    Optional<String> verifyMessage) {
    /** Checks every component. */
    public Lease {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(entitlementId, "entitlementId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(grantOutcome, "grantOutcome");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(grantMessage, "grantMessage");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endOutcome, "endOutcome");
        Objects.requireNonNull(endMessage, "endMessage");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(verification, "verification");
        Objects.requireNonNull(verifyMessage, "verifyMessage");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /**
     * @param now the time
     * @return whether the lease still grants access at that time (not ended and its end not reached)
     */
    public boolean activeAt(Instant now) {
        return state != State.ENDED && state != State.FAILED && endsAt.isAfter(now);
    }

    /** Where a lease stands. */
    public enum State {
        /** Recorded; the grant was sent or is about to be, and its answer is not recorded (yet). */
        GRANTING,
        /** Granted (or already held): expiry handles it at its end. */
        ACTIVE,
        /** Accepted, pending a person's action (an access request); expiry revokes it at its end all the same. */
        PENDING,
        /** The grant failed: nothing to expire. */
        FAILED,
        /** A revoke was started and its answer is not recorded: the next expire sends it again. */
        REVOKING,
        /** Ended: revoked, already gone, or left alone (see {@link EndOutcome}). */
        ENDED;

        /** @return the stored value */
        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        static State parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** What the grant answered. */
    public enum GrantOutcome {
        /** Granted now. */
        DONE,
        /** The principal already held it: expiry leaves that access alone. */
        ALREADY_SO,
        /** Accepted, pending a person's action. */
        NEEDS_ACTION,
        /** The grant failed. */
        FAILED;

        /** @return the stored value */
        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return as people read it: {@code already so} */
        public String label() {
            return sql().replace('_', ' ');
        }

        static GrantOutcome parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** How a lease ended. */
    public enum EndOutcome {
        /** Expiry revoked the access. */
        REVOKED,
        /** The access was already gone (someone else removed it) when expiry revoked it. */
        ALREADY_SO,
        /** Left alone: the principal held the access before the lease. */
        KEPT,
        /** Left to a later lease of the same access, which ends after this one and revokes it then. */
        HANDED_OVER;

        /** @return the stored value */
        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return as people read it: {@code already so} */
        public String label() {
            return sql().replace('_', ' ');
        }

        static EndOutcome parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /** What reading the target back after a revoke found. */
    public enum Verification {
        /** The target no longer lists the grant. */
        GONE,
        /** The target still lists the grant: the lease did not end. */
        STILL_HELD,
        /** The target could not be read back (why is in the message). */
        UNVERIFIED;

        /** @return the stored value */
        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return as people read it: {@code still held} */
        public String label() {
            return sql().replace('_', ' ');
        }

        static Verification parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }
}
