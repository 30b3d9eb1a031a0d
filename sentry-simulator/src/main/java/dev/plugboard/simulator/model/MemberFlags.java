package dev.plugboard.simulator.model;

/** The {@code flags} object of a Sentry organization member. */
public record MemberFlags(boolean ssoLinked, boolean ssoInvalid, boolean idpProvisioned, boolean idpRoleRestricted,
                          boolean memberLimitRestricted, boolean partnershipRestricted) {

    /** No flag set. */
    public static MemberFlags none() {
        return new MemberFlags(false, false, false, false, false, false);
    }
}
