package dev.plugboard.simulator.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An organization member (Sentry's OrganizationMember): a joined user, an open invite or an expired invite.
 * Team memberships live on {@link Team#members()}.
 */
public record Member(String id, String email, String name, OrgRole orgRole, MemberStatus status,
                     Optional<User> user, MemberFlags flags, Instant dateCreated, String inviteStatus,
                     Optional<String> inviterName) {

    /** Checks every component and that only active members have a user. */
    public Member {
        Checks.id(id, "id");
        Checks.nonBlank(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(orgRole, "orgRole");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(dateCreated, "dateCreated");
        Checks.nonBlank(inviteStatus, "inviteStatus");
        Objects.requireNonNull(inviterName, "inviterName");
        if ((status == MemberStatus.ACTIVE) != user.isPresent()) {
            throw new IllegalArgumentException("an active member has a user, an invite has none: " + id);
        }
    }

    /** {@code pending} on the wire: an invite not yet accepted (open or expired). */
    public boolean pending() {
        return status != MemberStatus.ACTIVE;
    }

    /** {@code expired} on the wire. */
    public boolean expired() {
        return status == MemberStatus.EXPIRED;
    }

    /** A copy with another org role. */
    public Member withOrgRole(OrgRole role) {
        return new Member(id, email, name, role, status, user, flags, dateCreated, inviteStatus, inviterName);
    }
}
