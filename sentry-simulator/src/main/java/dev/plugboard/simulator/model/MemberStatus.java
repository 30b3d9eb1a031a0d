package dev.plugboard.simulator.model;

/** Where an organization member stands: joined, invited (pending) or with an expired invite. */
public enum MemberStatus {
    /** A member with a user account. */
    ACTIVE,
    /** An open invitation: {@code pending=true}, {@code user=null}. */
    INVITED,
    /** An invitation that expired: {@code pending=true}, {@code expired=true}, {@code user=null}. */
    EXPIRED
}
