package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.spi.AccountRequest;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ProvisioningResult.Outcome;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.RevokeRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Grants and revokes access in one Sentry organization, for just-in-time access, with the entitlement ids the
 * identity sync lists:
 * <ul>
 *   <li>{@code team:<id>:member} to {@code user:<memberId>}: add to / remove from the team;</li>
 *   <li>{@code team:<id>:admin} to a user: set the team role to admin (adding to the team first when needed) /
 *       back to contributor;</li>
 *   <li>{@code role:<role>:assigned} to a user: change the organization role (needs a user auth token); revoking
 *       sets it back to {@code member}, and revoking {@code member} itself is refused (a member always has one
 *       role);</li>
 *   <li>{@code project:<id>:access} to {@code team:<id>}: give / take the team's access to the project;</li>
 *   <li>accounts: invite by email with a role and teams; remove a member.</li>
 * </ul>
 * Each operation reads the current state only where it must to answer ALREADY_SO (see PROVISIONING.md for the
 * requests of each), and a failed multi-step change is undone or reported exactly. Dry runs may read, never write;
 * their result lists the writes that would be sent. See {@code sentry-plugin/PROVISIONING.md}.
 */
public final class SentryProvisioning implements Provisioning {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> PROFILE_KEYS = Set.of("email", "role", "teams");

    private final SentryHttp http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param http the connector's HTTP layer */
    public SentryProvisioning(SentryHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public CompletionStage<ProvisioningResult> grant(GrantRequest request) {
        return run(remote -> {
            Target target = Target.parse(request.entitlementId());
            String principal = target.principalId(request.principal());
            boolean dry = request.dryRun();
            return switch (target.kind()) {
                case TEAM_MEMBER -> addToTeam(remote, target.resourceId(), principal, dry);
                case TEAM_ADMIN -> makeTeamAdmin(remote, target.resourceId(), principal, dry);
                case ORG_ROLE -> setOrgRole(remote, target.resourceId(), principal, dry);
                case PROJECT_ACCESS -> giveProjectAccess(remote, target.resourceId(), principal, dry);
            };
        });
    }

    @Override
    public CompletionStage<ProvisioningResult> revoke(RevokeRequest request) {
        return run(remote -> {
            Target target = Target.parse(request.entitlementId());
            String principal = target.principalId(request.principal());
            boolean dry = request.dryRun();
            return switch (target.kind()) {
                case TEAM_MEMBER -> removeFromTeam(remote, target.resourceId(), principal, dry);
                case TEAM_ADMIN -> makeContributor(remote, target.resourceId(), principal, dry);
                case ORG_ROLE -> resetOrgRole(remote, target.resourceId(), principal, dry);
                case PROJECT_ACCESS -> takeProjectAccess(remote, target.resourceId(), principal, dry);
            };
        });
    }

    /**
     * Invites a member. Profile: {@code email} (required), {@code role} (an organization role, default
     * {@code member}), {@code teams} (team ids or slugs, a list or one text). Answers NEEDS_ACTION (the person must
     * accept the invitation) with the new member as {@code user:<memberId>}, or ALREADY_SO when a member or
     * invitation with that email and role exists.
     */
    @Override
    public CompletionStage<ProvisioningResult> createAccount(AccountRequest request) {
        return run(remote -> invite(remote, request.profile(), request.dryRun()));
    }

    /** Removes a member ({@code user:<memberId>}); ALREADY_SO when the organization has no such member. */
    @Override
    public CompletionStage<ProvisioningResult> deleteAccount(ResourceRef account, boolean dryRun) {
        return run(remote -> removeMember(remote, account, dryRun));
    }

    // ---- team membership ----

    private CompletionStage<ProvisioningResult> addToTeam(Remote remote, String teamId, String memberId, boolean dry) {
        if (dry) {
            return memberAndTeam(remote, memberId, teamId).thenApply(mt -> {
                MemberState m = mt.member();
                TeamInfo t = mt.team();
                if (m.teamRole(t.slug()).isPresent()) {
                    return planned(remote, m.describe() + " is already in " + t.describe() + ": nothing would be sent",
                            List.of());
                }
                if (t.idpProvisioned()) {
                    throw idpTeam(t.describe());
                }
                return planned(remote, "would add " + m.describe() + " to " + t.describe(),
                        List.of(remote.memberTeam("POST", memberId, teamId)));
            });
        }
        HttpCall post = remote.memberTeam("POST", memberId, teamId);
        return remote.send(post).thenCompose(r -> switch (r.status()) {
            case 201 -> done(result(remote, Outcome.DONE, "added member " + memberId + " to "
                    + teamFromBody(remote, post, r, teamId)));
            case 202 -> done(result(remote, Outcome.NEEDS_ACTION, accessRequested(memberId, teamId, "")));
            case 204 -> done(result(remote, Outcome.ALREADY_SO, "member " + memberId + " is already in team "
                    + teamId));
            case 404 -> remote.member(memberId).<ProvisioningResult>thenApply(m -> {
                throw noTeam(remote, teamId);
            });
            default -> throw remote.managedByIdentityProvider(r) ? idpTeam("team " + teamId)
                    : remote.refusal(post, r, Remote.ADD_TO_TEAM);
        });
    }

    private CompletionStage<ProvisioningResult> removeFromTeam(Remote remote, String teamId, String memberId,
                                                               boolean dry) {
        return memberAndTeam(remote, memberId, teamId).thenCompose(mt -> {
            MemberState m = mt.member();
            TeamInfo t = mt.team();
            Optional<String> role = m.teamRole(t.slug());
            if (role.isEmpty()) {
                return done(dry ? planned(remote, m.describe() + " is not in " + t.describe() + ": nothing would be"
                        + " sent", List.of()) : result(remote, Outcome.ALREADY_SO, m.describe() + " is not in "
                        + t.describe()));
            }
            if (t.idpProvisioned()) {
                throw idpTeam(t.describe());
            }
            String was = role.get().equals("admin") ? " (they were its admin)" : "";
            HttpCall delete = remote.memberTeam("DELETE", memberId, teamId);
            if (dry) {
                return done(planned(remote, "would remove " + m.describe() + " from " + t.describe() + was,
                        List.of(delete)));
            }
            return remote.send(delete).thenApply(r -> {
                if (r.status() == 200 || r.status() == 204) {
                    return result(remote, Outcome.DONE, "removed " + m.describe() + " from " + t.describe() + was);
                }
                throw remote.managedByIdentityProvider(r) ? idpTeam(t.describe())
                        : remote.refusal(delete, r, Remote.REMOVE_FROM_TEAM);
            });
        });
    }

    // ---- team role ----

    private CompletionStage<ProvisioningResult> makeTeamAdmin(Remote remote, String teamId, String memberId,
                                                              boolean dry) {
        return memberAndTeam(remote, memberId, teamId).thenCompose(mt -> {
            MemberState m = mt.member();
            TeamInfo t = mt.team();
            Optional<String> role = m.teamRole(t.slug());
            HttpCall put = remote.setTeamRole(memberId, teamId, "admin");
            if (role.filter("admin"::equals).isPresent()) {
                return done(dry ? planned(remote, m.describe() + " is already admin of " + t.describe()
                        + ": nothing would be sent", List.of()) : result(remote, Outcome.ALREADY_SO, m.describe()
                        + " is already admin of " + t.describe()));
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
                throw idpTeam(t.describe());
            }
            HttpCall post = remote.memberTeam("POST", memberId, teamId);
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
                case 202 -> done(result(remote, Outcome.NEEDS_ACTION, accessRequested(memberId, teamId,
                        " Once it is approved, grant team:" + teamId + ":admin again to make them its admin.")));
                default -> throw remote.managedByIdentityProvider(r) ? idpTeam(t.describe())
                        : remote.refusal(post, r, Remote.ADD_TO_TEAM);
            });
        });
    }

    /** After adding the member: set admin; if that fails, remove them again, or say exactly what is left. */
    private CompletionStage<ProvisioningResult> setAdminOrUndo(Remote remote, HttpCall put, MemberState m, TeamInfo t) {
        return remote.send(put).handle((r, err) -> {
            try {
                if (err != null) {
                    throw unwrap(err);
                }
                checkTeamRole(remote, put, r, "admin", m, t);
                return done(result(remote, Outcome.DONE, "added " + m.describe() + " to " + t.describe()
                        + " and made them its admin"));
            } catch (ConnectorException failure) {
                HttpCall undo = remote.memberTeam("DELETE", m.id(), t.id());
                return remote.send(undo).<ProvisioningResult>handle((r2, err2) -> {
                    if (err2 == null && (r2.status() == 200 || r2.status() == 204)) {
                        throw new ConnectorException(failure.kind(), failure.getMessage() + " Undone: "
                                + m.describe() + " had been added to " + t.describe() + " and was removed again,"
                                + " so nothing changed.", failure);
                    }
                    String why = err2 != null ? unwrap(err2).getMessage() : remote.refusal(undo, r2,
                            Remote.REMOVE_FROM_TEAM).getMessage();
                    throw new ConnectorException(failure.kind(), failure.getMessage() + " CHANGED: "
                            + m.describe() + " was added to " + t.describe() + " as contributor, and removing them"
                            + " again failed (" + why + "). To undo, revoke team:" + t.id() + ":member from user:"
                            + m.id() + ".", failure);
                });
            }
        }).thenCompose(Function.identity());
    }

    private CompletionStage<ProvisioningResult> makeContributor(Remote remote, String teamId, String memberId,
                                                                boolean dry) {
        return memberAndTeam(remote, memberId, teamId).thenCompose(mt -> {
            MemberState m = mt.member();
            TeamInfo t = mt.team();
            Optional<String> role = m.teamRole(t.slug());
            if (role.filter("admin"::equals).isEmpty()) {
                String state = role.isEmpty() ? " is not in " : " is not admin of ";
                return done(dry ? planned(remote, m.describe() + state + t.describe() + ": nothing would be sent",
                        List.of()) : result(remote, Outcome.ALREADY_SO, m.describe() + state + t.describe()));
            }
            if (m.orgRoleGivesTeamAdmin()) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, m.describe() + " has the organization role '"
                        + m.orgRole() + "', which makes them admin of every team they are in, so Sentry cannot make"
                        + " them a contributor of " + t.describe() + ". Revoke role:" + m.orgRole() + ":assigned"
                        + " first, or revoke team:" + teamId + ":member to remove them from the team.");
            }
            HttpCall put = remote.setTeamRole(memberId, teamId, "contributor");
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

    private static void checkTeamRole(Remote remote, HttpCall put, HttpReply r, String wanted, MemberState m,
                                      TeamInfo t) {
        JsonNode body = remote.expect(put, r, 200, Remote.SET_TEAM_ROLE);
        String now = body.path("teamRole").asText("");
        if (!now.equals(wanted)) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry answered " + put.describe() + " but "
                    + m.describe() + " is " + (now.isEmpty() ? "without a role" : now) + " of " + t.describe()
                    + ", not " + wanted + " (their organization role '" + m.orgRole() + "' may set a minimum team"
                    + " role)");
        }
    }

    // ---- organization role ----

    private CompletionStage<ProvisioningResult> setOrgRole(Remote remote, String role, String memberId, boolean dry) {
        return knownRole(remote, role).thenCompose(v -> remote.member(memberId)).thenCompose(m -> {
            if (m.orgRole().equals(role)) {
                return done(dry ? planned(remote, m.describe() + " already has the organization role '" + role
                        + "': nothing would be sent", List.of()) : result(remote, Outcome.ALREADY_SO, m.describe()
                        + " already has the organization role '" + role + "'"));
            }
            return changeOrgRole(remote, m, role, dry, "");
        });
    }

    private CompletionStage<ProvisioningResult> resetOrgRole(Remote remote, String role, String memberId,
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
                return done(dry ? planned(remote, m.describe() + " does not have the organization role '" + role
                        + "' (they have '" + m.orgRole() + "'): nothing would be sent", List.of())
                        : result(remote, Outcome.ALREADY_SO, m.describe() + " does not have the organization role '"
                        + role + "' (they have '" + m.orgRole() + "')"));
            }
            return changeOrgRole(remote, m, "member", dry, " (a member always has one organization role: revoking"
                    + " '" + role + "' sets it back to 'member')");
        });
    }

    private CompletionStage<ProvisioningResult> changeOrgRole(Remote remote, MemberState m, String role, boolean dry,
                                                              String note) {
        TokenKind kind = http.tokenKind();
        if (kind != TokenKind.USER && kind != TokenKind.LEGACY) {
            throw userTokenNeeded(kind, "");
        }
        HttpCall put = remote.setOrgRole(m.id(), role);
        String change = "the organization role of " + m.describe() + " from '" + m.orgRole() + "' to '" + role + "'";
        if (dry) {
            return done(planned(remote, "would change " + change + note, List.of(put)));
        }
        return remote.send(put).thenApply(r -> {
            if (r.status() == 400 && kind != TokenKind.USER) {
                throw userTokenNeeded(kind, " (Sentry answered 400 on " + put.describe() + ": "
                        + remote.detail(r.body()) + ")");
            }
            JsonNode body = remote.expect(put, r, 200, Remote.SET_ORG_ROLE);
            String now = body.path("orgRole").isTextual() ? body.path("orgRole").asText() : body.path("role").asText("");
            if (!now.equals(role)) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "Sentry answered " + put.describe() + " but "
                        + m.describe() + " still has the organization role '" + now + "', not '" + role + "'");
            }
            return result(remote, Outcome.DONE, "changed " + change + note);
        });
    }

    private static ConnectorException userTokenNeeded(TokenKind kind, String sentrySaid) {
        return new ConnectorException(ErrorKind.PERMISSION, "Changing a member's organization role needs a user auth"
                + " token (sntryu_): Sentry refuses it to other tokens, and authToken is " + kind.describe()
                + sentrySaid + ". Configure a user auth token of an owner or manager with the scope member:write"
                + " (Settings > Account > API > Auth Tokens) for role changes.");
    }

    private CompletionStage<List<String>> knownRole(Remote remote, String role) {
        return http.orgRoles().thenApply(roles -> {
            if (!roles.contains(role)) {
                throw new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + remote.org() + "' has no role '"
                        + role + "' (role:" + role + "); its roles are " + String.join(", ", roles));
            }
            return roles;
        });
    }

    // ---- project access ----

    private CompletionStage<ProvisioningResult> giveProjectAccess(Remote remote, String projectId, String teamId,
                                                                  boolean dry) {
        return remote.projectTeams(projectId).thenCompose(teams -> {
            Optional<TeamInfo> has = find(teams, teamId);
            if (has.isPresent()) {
                return done(dry ? planned(remote, has.get().describe() + " already has access to project "
                        + projectId + ": nothing would be sent", List.of()) : result(remote, Outcome.ALREADY_SO,
                        has.get().describe() + " already has access to project " + projectId));
            }
            HttpCall post = remote.projectTeam("POST", projectId, teamId);
            if (dry) {
                return remote.team(teamId).thenApply(t -> planned(remote, "would give " + t.describe()
                        + " access to project " + projectId, List.of(post)));
            }
            return remote.send(post).thenApply(r -> {
                if (r.status() == 201 || r.status() == 200) {
                    return result(remote, Outcome.DONE, "gave team " + teamId + " access to project "
                            + projectFromBody(remote, post, r, projectId));
                }
                if (r.status() == 404) {
                    throw noTeam(remote, teamId);
                }
                throw remote.refusal(post, r, Remote.ADD_PROJECT_TEAM);
            });
        });
    }

    private CompletionStage<ProvisioningResult> takeProjectAccess(Remote remote, String projectId, String teamId,
                                                                  boolean dry) {
        return remote.projectTeams(projectId).thenCompose(teams -> {
            Optional<TeamInfo> has = find(teams, teamId);
            if (has.isEmpty()) {
                return remote.team(teamId).thenApply(t -> dry ? planned(remote, t.describe() + " has no access to"
                        + " project " + projectId + ": nothing would be sent", List.of()) : result(remote,
                        Outcome.ALREADY_SO, t.describe() + " has no access to project " + projectId));
            }
            TeamInfo t = has.get();
            HttpCall delete = remote.projectTeam("DELETE", projectId, teamId);
            if (dry) {
                return done(planned(remote, "would take " + t.describe() + "'s access to project " + projectId,
                        List.of(delete)));
            }
            return remote.send(delete).thenApply(r -> {
                if (r.status() == 200 || r.status() == 204) {
                    return result(remote, Outcome.DONE, "took " + t.describe() + "'s access to project "
                            + projectId);
                }
                throw remote.refusal(delete, r, Remote.REMOVE_PROJECT_TEAM);
            });
        });
    }

    private static Optional<TeamInfo> find(List<TeamInfo> teams, String idOrSlug) {
        return teams.stream().filter(t -> t.id().equals(idOrSlug) || t.slug().equals(idOrSlug)).findFirst();
    }

    // ---- accounts ----

    private CompletionStage<ProvisioningResult> invite(Remote remote, Map<String, Object> profile, boolean dry) {
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
        return http.orgRoles().thenCompose(roles -> {
            if (!roles.contains(role)) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "'" + role + "' is not an organization role"
                        + " of '" + remote.org() + "': set role to one of " + String.join(", ", roles));
            }
            if (http.tokenKind() == TokenKind.INTEGRATION && !role.equals("member")) {
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
                list.forEach(ti -> teamRoles.add(Map.of("teamSlug", ti.slug())));
                body.put("teamRoles", teamRoles);
                body.put("sendInvite", true);
                HttpCall post = remote.invite(body);
                String what = email + " as " + role + (list.isEmpty() ? "" : " to " + String.join(", ",
                        list.stream().map(TeamInfo::describe).toList()));
                if (dry) {
                    return done(planned(remote, "would invite " + what, List.of(post)));
                }
                return remote.send(post).thenApply(r -> {
                    if (r.status() == 400 && http.tokenKind() == TokenKind.INTEGRATION && !role.equals("member")) {
                        throw integrationInvite(role, " (Sentry answered 400 on " + post.describe() + ": "
                                + remote.detail(r.body()) + ")");
                    }
                    JsonNode m = remote.expect(post, r, 201, Remote.INVITE);
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

    private CompletionStage<ProvisioningResult> removeMember(Remote remote, ResourceRef account, boolean dry) {
        if (!account.type().equals("user")) {
            throw new ConnectorException(ErrorKind.INVALID_REQUEST, "only user accounts can be removed from Sentry,"
                    + " not " + account + ": use user:<memberId> as a sync lists it");
        }
        String memberId = Target.checkId(account.id(), "user");
        HttpCall delete = remote.removeMember(memberId);
        if (dry) {
            return remote.member(memberId).handle((m, err) -> {
                if (err != null) {
                    ConnectorException e = unwrap(err);
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
        return remote.send(delete).thenApply(r -> switch (r.status()) {
            case 200, 204 -> result(remote, Outcome.DONE, "removed member " + memberId + " from organization '"
                    + remote.org() + "'");
            case 404 -> result(remote, Outcome.ALREADY_SO, "organization '" + remote.org() + "' has no member "
                    + memberId + " (already removed, or never a member): nothing to remove");
            default -> throw remote.refusal(delete, r, Remote.REMOVE_MEMBER);
        });
    }

    // ---- helpers ----

    private record MemberAndTeam(MemberState member, TeamInfo team) {
    }

    /** Reads the member, then finds the team (in that order, so the requests are always the same). */
    private static CompletionStage<MemberAndTeam> memberAndTeam(Remote remote, String memberId, String teamId) {
        return remote.member(memberId).thenCompose(m -> remote.team(teamId).thenApply(t -> new MemberAndTeam(m, t)));
    }

    private static String teamFromBody(Remote remote, HttpCall call, HttpReply r, String teamId) {
        String slug = remote.parse(call, r).path("slug").asText("");
        return slug.isEmpty() ? "team " + teamId : new TeamInfo(teamId, slug, false).describe();
    }

    private static String projectFromBody(Remote remote, HttpCall call, HttpReply r, String projectId) {
        String slug = remote.parse(call, r).path("slug").asText("");
        return slug.isEmpty() ? projectId : "'" + slug + "' (project:" + projectId + ")";
    }

    private static String accessRequested(String memberId, String teamId, String then) {
        return "Sentry did not add member " + memberId + " to team " + teamId + " but created a request to join it"
                + " (202): a team admin must approve it in Sentry. The token may only ask (org:read); to add"
                + " directly, give it team:write (Team: Read & Write)." + then;
    }

    private static ConnectorException idpTeam(String team) {
        return new ConnectorException(ErrorKind.INVALID_REQUEST, team + " is managed by the organization's identity"
                + " provider (SCIM): Sentry refuses membership changes made elsewhere. Change its members in the"
                + " identity provider.");
    }

    private static ConnectorException noTeam(Remote remote, String teamId) {
        return new ConnectorException(ErrorKind.NOT_FOUND, "organization '" + remote.org() + "' has no team " + teamId
                + " (team:" + teamId + "): use a team id as a sync lists it");
    }

    private static ProvisioningResult result(Remote remote, Outcome outcome, String message) {
        return ProvisioningResult.of(outcome, message, remote.sent());
    }

    private static ProvisioningResult planned(Remote remote, String message, List<HttpCall> writes) {
        int reads = remote.count();
        String checked = reads == 0 ? "" : " (checked with " + reads + (reads == 1 ? " read" : " reads")
                + ", nothing changed)";
        return ProvisioningResult.of(Outcome.PLANNED, message + checked, writes.stream().map(HttpCall::describe)
                .toList());
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** Runs one operation with its own {@link Remote}; every failure becomes a {@link ConnectorException}. */
    private CompletionStage<ProvisioningResult> run(Function<Remote, CompletionStage<ProvisioningResult>> op) {
        CompletableFuture<ProvisioningResult> out = new CompletableFuture<>();
        CompletionStage<ProvisioningResult> stage;
        try {
            stage = op.apply(new Remote(http, json));
        } catch (RuntimeException e) {
            out.completeExceptionally(unwrap(e));
            return out;
        }
        stage.whenComplete((value, err) -> {
            if (err != null) {
                out.completeExceptionally(unwrap(err));
            } else {
                out.complete(value);
            }
        });
        return out;
    }

    private static ConnectorException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof ConnectorException ce ? ce
                : new ConnectorException(ErrorKind.INTERNAL, "bug in the Sentry connector's provisioning: " + t, t);
    }
}
