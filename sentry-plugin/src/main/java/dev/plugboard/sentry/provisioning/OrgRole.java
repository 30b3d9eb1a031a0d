package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ProvisioningResult.Outcome;

import java.util.List;
import java.util.concurrent.CompletionStage;

import static dev.plugboard.sentry.provisioning.Outcomes.alreadySo;
import static dev.plugboard.sentry.provisioning.Outcomes.done;
import static dev.plugboard.sentry.provisioning.Outcomes.planned;
import static dev.plugboard.sentry.provisioning.Outcomes.result;

/**
 * {@code role:<role>:assigned}: changes a member's organization role (needs a user auth token); revoking sets it back
 * to {@code member}.
 */
final class OrgRole {
    private OrgRole() {
    }

    static CompletionStage<ProvisioningResult> setOrgRole(Remote remote, String role, String memberId, boolean dry) {
        return knownRole(remote, role).thenCompose(v -> remote.member(memberId)).thenCompose(m -> {
            if (m.orgRole().equals(role)) {
                return done(alreadySo(remote, dry, m.describe() + " already has the organization role '" + role
                        + "'"));
            }
            return changeOrgRole(remote, m, role, dry, "");
        });
    }

    static CompletionStage<ProvisioningResult> resetOrgRole(Remote remote, String role, String memberId,
                                                             boolean dry) {
        return knownRole(remote, role).thenCompose(v -> {
            if (role.equals("member")) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "role:member:assigned cannot be revoked:"
                        + " every Sentry member has exactly one organization role, and 'member' is the least. To"
                        + " take away user:" + memberId + "'s access, remove the account (plugboard account delete"
                        + " sentry --account user:" + memberId + "); to change the role, grant another"
                        + " role:<role>:assigned.");
            }
            return remote.member(memberId);
        }).thenCompose(m -> {
            if (!m.orgRole().equals(role)) {
                return done(alreadySo(remote, dry, m.describe() + " does not have the organization role '" + role
                        + "' (they have '" + m.orgRole() + "')"));
            }
            return changeOrgRole(remote, m, "member", dry, " (a member always has one organization role: revoking"
                    + " '" + role + "' sets it back to 'member')");
        });
    }

    static CompletionStage<ProvisioningResult> changeOrgRole(Remote remote, MemberState m, String role, boolean dry,
                                                              String note) {
        TokenKind kind = remote.tokenKind();
        if (kind != TokenKind.USER && kind != TokenKind.LEGACY) {
            throw userTokenNeeded(kind, "");
        }
        SentryRequest put = remote.setOrgRole(m, role);
        String change = "the organization role of " + m.describe() + " from '" + m.orgRole() + "' to '" + role + "'";
        if (dry) {
            return done(planned(remote, "would change " + change + note, List.of(put)));
        }
        return remote.send(put).thenApply(r -> {
            String said = remote.detail(r.text());
            if (r.status() == 400 && said.contains("permission to set that org-level role")) {
                // Sentry lets no org role be set without member:admin (get_allowed_org_roles)
                throw userTokenNeeded(kind, " (Sentry answered 400 on " + put.describe() + ": " + said + ")");
            }
            JsonNode body = remote.expect(put, r, 200);
            String now = body.path("orgRole").isTextual() ? body.path("orgRole").asText() : body.path("role").asText("");
            if (!now.equals(role)) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry answered " + put.describe() + " but "
                        + m.describe() + " still has the organization role '" + now + "', not '" + role + "'");
            }
            // the teams were sent along; check Sentry kept them
            java.util.Set<String> after = new java.util.TreeSet<>();
            body.path("teams").forEach(x -> after.add(x.asText()));
            body.path("teamRoles").forEach(x -> after.add(x.path("teamSlug").asText()));
            java.util.Set<String> lost = new java.util.TreeSet<>(m.storedTeamRoles().keySet());
            lost.removeAll(after);
            if (!lost.isEmpty()) {
                throw new ConnectorException(ErrorKind.INTERNAL, "CHANGED: " + change + note + ", but Sentry's answer"
                        + " no longer lists their teams " + String.join(", ", lost.stream().map(TeamInfo::describe)
                        .toList()) + ": grant team:<id>:member for"
                        + " those to restore them");
            }
            return result(remote, Outcome.DONE, "changed " + change + note);
        });
    }

    private static ConnectorException userTokenNeeded(TokenKind kind, String sentrySaid) {
        return new ConnectorException(ErrorKind.PERMISSION, "Changing a member's organization role needs a user auth"
                + " token (sntryu_) with the scope member:admin (member:write is not enough): Sentry refuses it to"
                + " other tokens and lets no role be set without member:admin; authToken is " + kind.describe()
                + sentrySaid + ". Configure a user auth token of an owner or manager with the scope member:admin"
                + " (Settings > Account > API > Auth Tokens) for role changes.");
    }

    static CompletionStage<List<String>> knownRole(Remote remote, String role) {
        return remote.orgRoles().thenApply(roles -> {
            if (!roles.contains(role)) {
                throw new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + remote.org() + "' has no role '"
                        + role + "' (role:" + role + "); its roles are " + String.join(", ", roles));
            }
            return roles;
        });
    }

}
