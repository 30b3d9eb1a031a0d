package dev.plugboard.sentry.provisioning;

import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ResourceRef;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An entitlement id of the Sentry identity model, parsed: {@code team:<teamId>:member}, {@code team:<teamId>:admin},
 * {@code role:<roleId>:assigned} or {@code project:<projectId>:access}.
 *
 * @param kind          which entitlement
 * @param resourceId    the team id, role id or project id
 * @param entitlementId the id as given
 */
record Target(Kind kind, String resourceId, String entitlementId) {
    /** Ids Sentry gives (numbers) and slugs; never '/', never starting with '.'. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    /** The four entitlements provisioning can grant and revoke. */
    enum Kind {
        /** {@code team:<id>:member}, held by users. */
        TEAM_MEMBER("user"),
        /** {@code team:<id>:admin}, held by users. */
        TEAM_ADMIN("user"),
        /** {@code role:<id>:assigned}, held by users. */
        ORG_ROLE("user"),
        /** {@code project:<id>:access}, held by teams. */
        PROJECT_ACCESS("team");

        private final String principalType;

        Kind(String principalType) {
            this.principalType = principalType;
        }

        /** @return the principal type that can hold it */
        String principalType() {
            return principalType;
        }
    }

    Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(entitlementId, "entitlementId");
    }

    /**
     * @param entitlementId an id as a sync lists it
     * @return the parsed target
     * @throws ConnectorException NOT_FOUND when it is none of the four forms
     */
    static Target parse(String entitlementId) {
        int first = entitlementId.indexOf(':');
        int last = entitlementId.lastIndexOf(':');
        if (first > 0 && last > first + 1) {
            String type = entitlementId.substring(0, first);
            String id = entitlementId.substring(first + 1, last);
            String name = entitlementId.substring(last + 1);
            Kind kind = switch (type + ":" + name) {
                case "team:member" -> Kind.TEAM_MEMBER;
                case "team:admin" -> Kind.TEAM_ADMIN;
                case "role:assigned" -> Kind.ORG_ROLE;
                case "project:access" -> Kind.PROJECT_ACCESS;
                default -> null;
            };
            if (kind != null) {
                return new Target(kind, checkId(id, type), entitlementId);
            }
        }
        throw new ConnectorException(ErrorKind.NOT_FOUND, "Sentry has no entitlement '" + entitlementId + "': the"
                + " Sentry connector grants team:<teamId>:member, team:<teamId>:admin, role:<role>:assigned and"
                + " project:<projectId>:access, with ids exactly as a sync lists them");
    }

    /**
     * @param principal who should hold it
     * @return the principal's id
     * @throws ConnectorException INVALID_REQUEST when the principal's type cannot hold this entitlement
     */
    String principalId(ResourceRef principal) {
        if (!principal.type().equals(kind.principalType())) {
            String hint = kind == Kind.PROJECT_ACCESS
                    ? " Project access is given to teams: use a team:<teamId> principal, or grant the user"
                    + " team:<teamId>:member of a team that has access."
                    : " Only users (user:<memberId>) hold it.";
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "'" + entitlementId + "' cannot be held by "
                    + principal + ": it is held by " + kind.principalType() + " principals." + hint);
        }
        return checkId(principal.id(), principal.type());
    }

    /** @return the id, when it can be a Sentry id or slug; else INVALID_REQUEST */
    static String checkId(String id, String what) {
        if (!ID.matcher(id).matches()) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "'" + id + "' is not a Sentry " + what
                    + " id: use the id exactly as a sync lists it (e.g. " + what + ":42)");
        }
        return id;
    }
}
