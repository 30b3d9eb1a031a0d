package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ProvisioningResult.Outcome;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static dev.plugboard.sentry.provisioning.Outcomes.alreadySo;
import static dev.plugboard.sentry.provisioning.Outcomes.done;
import static dev.plugboard.sentry.provisioning.Outcomes.planned;
import static dev.plugboard.sentry.provisioning.Outcomes.result;

/** {@code team:<id>:admin}: makes a member admin of a team (adding them first when needed), or a contributor again. */
final class TeamRole {
    private TeamRole() {
    }

    static CompletionStage<ProvisioningResult> makeTeamAdmin(Remote remote, String teamId, String memberId,
                                                              boolean dry) {
        return remote.memberAndTeam(memberId, teamId).thenCompose(mt -> {
            MemberState m = mt.member();
            TeamInfo t = mt.team();
            Optional<String> role = m.teamRole(t.slug());
            SentryRequest put = remote.setTeamRole(memberId, teamId, "admin");
            if (role.filter("admin"::equals).isPresent()) {
                // effective roles: a manager is admin of every team they are in, whatever Sentry stored
                String why = m.storedAdmin(t.slug()) ? "" : m.adminThroughOrgRole().map(r -> " (they " + r
                        + ", which makes them admin of every team they are in)").orElse("");
                return done(alreadySo(remote, dry, m.describe() + " is already admin of " + t.describe() + why));
            }
            if (role.isPresent()) {
                if (dry) {
                    return done(planned(remote, "would make " + m.describe() + " admin of " + t.describe()
                            + " (now " + role.get() + ")", List.of(put)));
                }
                return remote.send(put).thenApply(r -> {
                    checkTeamRole(remote, put, r, "admin", m, t);
                    return result(remote, Outcome.DONE, "made " + m.describe() + " admin of " + t.describe()
                            + " (was " + role.get() + ")");
                });
            }
            if (t.idpProvisioned()) {
                throw Remote.idpTeam(t.describe());
            }
            SentryRequest post = remote.memberTeam(Endpoint.ADD_TO_TEAM, memberId, teamId);
            if (dry) {
                return done(planned(remote, "would add " + m.describe() + " to " + t.describe()
                        + " and make them its admin", List.of(post, put)));
            }
            return remote.send(post).thenCompose(r -> switch (r.status()) {
                case 201 -> setAdminOrUndo(remote, put, m, t);
                case 204 -> remote.send(put).thenApply(r2 -> {
                    checkTeamRole(remote, put, r2, "admin", m, t);
                    return result(remote, Outcome.DONE, "made " + m.describe() + " admin of " + t.describe()
                            + " (Sentry said they had just joined it)");
                });
                case 202 -> done(result(remote, Outcome.NEEDS_ACTION, TeamMembership.accessRequested(memberId, teamId,
                        " Once it is approved, grant team:" + teamId + ":admin again to make them its admin.")));
                default -> throw remote.managedByIdentityProvider(r) ? Remote.idpTeam(t.describe())
                        : remote.refusal(post, r);
            });
        });
    }

    /** After adding the member: set admin; if that fails, remove them again, or say exactly what is left. */
    static CompletionStage<ProvisioningResult> setAdminOrUndo(Remote remote, SentryRequest put, MemberState m, TeamInfo t) {
        return remote.send(put).handle((r, err) -> {
            try {
                if (err != null) {
                    throw Outcomes.unwrap(err);
                }
                checkTeamRole(remote, put, r, "admin", m, t);
                return done(result(remote, Outcome.DONE, "added " + m.describe() + " to " + t.describe()
                        + " and made them its admin"));
            } catch (ConnectorException failure) {
                SentryRequest undo = remote.memberTeam(Endpoint.REMOVE_FROM_TEAM, m.id(), t.id());
                return remote.send(undo).<ProvisioningResult>handle((r2, err2) -> {
                    if (err2 == null && (r2.status() == 200 || r2.status() == 204)) {
                        throw new ConnectorException(failure.kind(), failure.getMessage() + " Undone: "
                                + m.describe() + " had been added to " + t.describe() + " and was removed again,"
                                + " so nothing changed.", failure);
                    }
                    String why = err2 != null ? Outcomes.unwrap(err2).getMessage() : remote.refusal(undo, r2).getMessage();
                    throw new ConnectorException(failure.kind(), failure.getMessage() + " CHANGED: "
                            + m.describe() + " was added to " + t.describe() + " as contributor, and removing them"
                            + " again failed (" + why + "). To undo, revoke team:" + t.id() + ":member from user:"
                            + m.id() + ".", failure);
                });
            }
        }).thenCompose(Function.identity());
    }

    static CompletionStage<ProvisioningResult> makeContributor(Remote remote, String teamId, String memberId,
                                                                boolean dry) {
        return remote.memberAndTeam(memberId, teamId).thenCompose(mt -> {
            MemberState m = mt.member();
            TeamInfo t = mt.team();
            Optional<String> role = m.teamRole(t.slug());
            if (role.filter("admin"::equals).isEmpty()) {
                String state = role.isEmpty() ? " is not in " : " is not admin of ";
                return done(alreadySo(remote, dry, m.describe() + state + t.describe()));
            }
            if (m.adminThroughOrgRole().isPresent()) {
                String hint = m.revokeOrgRoleHint();
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, m.describe() + " "
                        + m.adminThroughOrgRole().get() + ", which makes them admin of every team they are in, so"
                        + " Sentry cannot make them a contributor of " + t.describe() + ". "
                        + Character.toUpperCase(hint.charAt(0)) + hint.substring(1) + " first, or revoke team:"
                        + teamId + ":member to remove them from the team.");
            }
            SentryRequest put = remote.setTeamRole(memberId, teamId, "contributor");
            if (dry) {
                return done(planned(remote, "would make " + m.describe() + " a contributor of " + t.describe()
                        + " (now admin)", List.of(put)));
            }
            return remote.send(put).thenApply(r -> {
                checkTeamRole(remote, put, r, "contributor", m, t);
                return result(remote, Outcome.DONE, "made " + m.describe() + " a contributor of " + t.describe()
                        + " (was admin)");
            });
        });
    }

    private static void checkTeamRole(Remote remote, SentryRequest put, SentryResponse r, String wanted, MemberState m,
                                      TeamInfo t) {
        JsonNode body = remote.expect(put, r, 200);
        // Sentry stores (and answers) null when the org role already gives the role: compare effective roles
        String stored = body.path("teamRole").isTextual() ? body.path("teamRole").asText() : "";
        String now = stored.equals("admin") || m.orgRoleGivesTeamAdmin() ? "admin" : "contributor";
        if (!now.equals(wanted)) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry answered " + put.describe() + " but "
                    + m.describe() + " is " + now + " of " + t.describe() + " (Sentry stored "
                    + (stored.isEmpty() ? "null" : stored) + "), not " + wanted + " (their organization role '"
                    + m.orgRole() + "' may set a minimum team role)");
        }
    }

}
