package dev.plugboard.host.cli;

import dev.plugboard.spi.ResourceRef;

/** Reads principals ({@code type:id}) and grant ids ({@code entitlementId:principalType:principalId}) from the command line. */
final class GrantIds {
    private GrantIds() {
    }

    /**
     * @param entitlementId the entitlement part
     * @param principal     the principal part
     */
    record Parsed(String entitlementId, ResourceRef principal) {
    }

    static ResourceRef principal(String option, String text) {
        try {
            return ResourceRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, option + ": " + e.getMessage());
        }
    }

    /**
     * Splits a grant id of the conventional form: the principal's id is the last segment, its type the one before,
     * and the rest is the entitlement id.
     */
    static Parsed parse(String grantId) {
        int idAt = grantId.lastIndexOf(':');
        int typeAt = idAt <= 0 ? -1 : grantId.lastIndexOf(':', idAt - 1);
        if (typeAt <= 0 || idAt == grantId.length() - 1 || idAt - typeAt < 2) {
            throw new HostException(ExitCode.USAGE, "--grant: '" + grantId + "' is not a grant id of the form"
                    + " ENTITLEMENT:TYPE:ID (e.g. team:7:member:user:42); use the id a sync lists, or give"
                    + " --entitlement and --principal");
        }
        return new Parsed(grantId.substring(0, typeAt),
                new ResourceRef(grantId.substring(typeAt + 1, idAt), grantId.substring(idAt + 1)));
    }
}
