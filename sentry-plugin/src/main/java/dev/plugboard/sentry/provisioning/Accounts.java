package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ProvisioningResult.Outcome;
import dev.plugboard.spi.ResourceRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import static dev.plugboard.sentry.provisioning.Outcomes.done;
import static dev.plugboard.sentry.provisioning.Outcomes.planned;
import static dev.plugboard.sentry.provisioning.Outcomes.result;

/** Accounts: invites a member by email with a role and teams; removes a member. */
final class Accounts {
    private Accounts() {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PROFILE_KEYS = Set.of("email", "role", "teams");

    static CompletionStage<ProvisioningResult> invite(Remote remote, Map<String, Object> profile, boolean dry) {
        for (String key : profile.keySet()) {
            if (!PROFILE_KEYS.contains(key)) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "a Sentry account has no attribute '" + key
                        + "': set email (required), role (an organization role, default member) and teams (team"
                        + " ids or slugs)");
            }
        }
        String email = profile.get("email") instanceof String s ? s.trim() : "";
        if (!EMAIL.matcher(email).matches()) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, email.isEmpty()
                    ? "an invitation needs an email: set email=<address>"
                    : "'" + email + "' is not an email address: set email=<address>");
        }
        Object roleValue = profile.getOrDefault("role", "member");
        if (!(roleValue instanceof String role) || role.isBlank()) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "role must be one organization role, e.g."
                    + " role=member");
        }
        List<String> teams = new ArrayList<>();
        Object t = profile.get("teams");
        if (t instanceof String s && !s.isBlank()) {
            teams.add(s.trim());
        } else if (t instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof String s) || s.isBlank()) {
                    throw new ConnectorException(ErrorKind.INVALID_REQUEST, "teams must be team ids or slugs, e.g."
                            + " teams=5,7");
                }
                teams.add(Target.checkId(s.trim(), "team"));
            }
        } else if (t != null && !(t instanceof String)) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "teams must be team ids or slugs, e.g. teams=5,7");
        }
        return remote.orgRoles().thenCompose(roles -> {
            if (!roles.contains(role)) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "'" + role + "' is not an organization role"
                        + " of '" + remote.org() + "': set role to one of " + String.join(", ", roles));
            }
            if (remote.tokenKind() == TokenKind.INTEGRATION && !role.equals("member")) {
                throw integrationInvite(role, "");
            }
            return remote.memberByEmail(email);
        }).thenCompose(existing -> {
            if (existing.isPresent()) {
                String id = existing.get().getKey();
                String has = existing.get().getValue();
                if (!has.equals(role)) {
                    throw new ConnectorException(ErrorKind.INVALID_REQUEST, email + " is already a member (user:" + id
                            + ") with the organization role '" + has + "', not '" + role + "': grant role:" + role
                            + ":assigned to user:" + id + " to change it");
                }
                String message = email + " is already a member (user:" + id + ") with the organization role '" + role
                        + "'" + (teams.isEmpty() ? "" : "; team memberships were not compared: grant"
                        + " team:<id>:member for those");
                return done(dry ? planned(remote, message + ": nothing would be sent", List.of())
                        : new ProvisioningResult(Outcome.ALREADY_SO, message, remote.sent(),
                        Optional.of(new ResourceRef("user", id))));
            }
            CompletionStage<List<TeamInfo>> resolved = teams.isEmpty()
                    ? done(List.of()) : remote.teams(teams);
            return resolved.thenCompose(list -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("email", email);
                body.put("orgRole", role);
                List<Map<String, String>> teamRoles = new ArrayList<>();
                // every entry carries "role": Sentry reads it unconditionally and answers 500 without it
                list.forEach(ti -> {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("teamSlug", ti.slug());
                    entry.put("role", null);
                    teamRoles.add(entry);
                });
                body.put("teamRoles", teamRoles);
                body.put("sendInvite", true);
                SentryRequest post = remote.invite(body);
                String what = email + " as " + role + (list.isEmpty() ? "" : " to " + String.join(", ",
                        list.stream().map(TeamInfo::describe).toList()));
                if (dry) {
                    return done(planned(remote, "would invite " + what, List.of(post)));
                }
                return remote.send(post).thenApply(r -> {
                    if (r.status() == 400 && remote.tokenKind() == TokenKind.INTEGRATION && !role.equals("member")) {
                        throw integrationInvite(role, " (Sentry answered 400 on " + post.describe() + ": "
                                + remote.detail(r.text()) + ")");
                    }
                    JsonNode m = remote.expect(post, r, 201);
                    String id = m.path("id").asText("");
                    if (id.isEmpty()) {
                        throw Remote.unexpected("Sentry answered " + post.describe() + " with 201 but no member id");
                    }
                    return new ProvisioningResult(Outcome.NEEDS_ACTION, "invited " + what + " (user:" + id + ");"
                            + " they must accept the invitation sent by email", remote.sent(),
                            Optional.of(new ResourceRef("user", id)));
                });
            });
        });
    }

    private static ConnectorException integrationInvite(String role, String sentrySaid) {
        return new ConnectorException(ErrorKind.PERMISSION, "An internal integration token (sntryi_) may only invite"
                + " members with the role 'member', not '" + role + "'" + sentrySaid + ". Invite with role=member and"
                + " then grant role:" + role + ":assigned with a user auth token (sntryu_), or configure a user auth"
                + " token with the scope member:invite.");
    }

    static CompletionStage<ProvisioningResult> removeMember(Remote remote, ResourceRef account, boolean dry) {
        if (!account.type().equals("user")) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "only user accounts can be removed from Sentry,"
                    + " not " + account + ": use user:<memberId> as a sync lists it");
        }
        String memberId = Target.checkId(account.id(), "user");
        SentryRequest delete = remote.removeMember(memberId);
        if (dry) {
            return remote.member(memberId).handle((m, err) -> {
                if (err != null) {
                    ConnectorException e = Outcomes.unwrap(err);
                    if (e.kind() == ErrorKind.NOT_FOUND) {
                        return planned(remote, "organization '" + remote.org() + "' has no member " + memberId
                                + ": nothing would be sent", List.of());
                    }
                    throw e;
                }
                return planned(remote, "would remove " + m.describe() + " (organization role '" + m.orgRole()
                        + "') from organization '" + remote.org() + "'", List.of(delete));
            });
        }
        return remote.send(delete).thenApply(r -> {
            String said = remote.detail(r.text());
            String on = " (" + r.status() + " on " + delete.describe() + ": " + said + ")";
            return switch (r.status()) {
                case 200, 204 -> result(remote, Outcome.DONE, "removed member " + memberId + " from organization '"
                        + remote.org() + "'");
                case 404 -> result(remote, Outcome.ALREADY_SO, "organization '" + remote.org() + "' has no member "
                        + memberId + " (already removed, or never a member): nothing to remove");
                // Sentry answers 400, not 403, when the token lacks member:admin
                case 400 -> throw said.contains("member:admin") ? new ConnectorException(ErrorKind.PERMISSION,
                        "The auth token may not remove members in organization '" + remote.org() + "'" + on
                        + ". It needs the scope member:admin (Member: Admin in the integration's permissions).")
                        : remote.refusal(delete, r);
                case 403 -> throw said.contains("only remaining owner") ? new ConnectorException(
                        ErrorKind.INVALID_REQUEST, "Sentry will not remove member " + memberId + ": they are the"
                        + " organization's only owner or manager" + on + ". Make another member owner or manager"
                        + " first.") : said.contains("identity provider") ? new ConnectorException(
                        ErrorKind.INVALID_REQUEST, "Sentry will not remove member " + memberId + ": the"
                        + " organization's identity provider manages them" + on + ". Remove them in the identity"
                        + " provider.") : remote.refusal(delete, r);
                default -> throw remote.refusal(delete, r);
            };
        });
    }

}
