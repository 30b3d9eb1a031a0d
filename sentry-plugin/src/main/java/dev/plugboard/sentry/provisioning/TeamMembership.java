package dev.plugboard.sentry.provisioning;

import dev.plugboard.sentry.http.Endpoint;
import dev.plugboard.sentry.http.SentryRequest;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ProvisioningResult.Outcome;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import static dev.plugboard.sentry.provisioning.Outcomes.alreadySo;
import static dev.plugboard.sentry.provisioning.Outcomes.done;
import static dev.plugboard.sentry.provisioning.Outcomes.planned;
import static dev.plugboard.sentry.provisioning.Outcomes.result;

/** {@code team:<id>:member}: adds a member to a team, or removes them. */
final class TeamMembership {
    private TeamMembership() {
    }

    static CompletionStage<ProvisioningResult> addToTeam(Remote remote, String teamId, String memberId, boolean dry) {
        if (dry) {
            return remote.memberAndTeam(memberId, teamId).thenApply(mt -> {
                MemberState m = mt.member();
                TeamInfo t = mt.team();
                if (m.inTeam(t.slug())) {
                    return alreadySo(remote, true, m.describe() + " is already in " + t.describe());
                }
                if (t.idpProvisioned()) {
                    throw Remote.idpTeam(t.describe());
                }
                return planned(remote, "would add " + m.describe() + " to " + t.describe(),
                        List.of(remote.memberTeam(Endpoint.ADD_TO_TEAM, memberId, teamId)));
            });
        }
        SentryRequest post = remote.memberTeam(Endpoint.ADD_TO_TEAM, memberId, teamId);
        return remote.send(post).thenCompose(r -> switch (r.status()) {
            case 201 -> done(result(remote, Outcome.DONE, "added member " + memberId + " to "
                    + teamFromBody(remote, post, r, teamId)));
            case 202 -> done(result(remote, Outcome.NEEDS_ACTION, accessRequested(memberId, teamId, "")));
            case 204 -> done(result(remote, Outcome.ALREADY_SO, "member " + memberId + " is already in "
                    + TeamInfo.describe(teamId)));
            case 404 -> remote.member(memberId).<ProvisioningResult>thenApply(m -> {
                throw Remote.noTeam(remote, teamId);
            });
            default -> throw remote.managedByIdentityProvider(r) ? Remote.idpTeam(TeamInfo.describe(teamId))
                    : remote.refusal(post, r);
        });
    }

    static CompletionStage<ProvisioningResult> removeFromTeam(Remote remote, String teamId, String memberId,
                                                               boolean dry) {
        return remote.memberAndTeam(memberId, teamId).thenCompose(mt -> {
            MemberState m = mt.member();
            TeamInfo t = mt.team();
            Optional<String> role = m.teamRole(t.slug());
            if (role.isEmpty()) {
                return done(alreadySo(remote, dry, m.describe() + " is not in " + t.describe()));
            }
            if (t.idpProvisioned()) {
                throw Remote.idpTeam(t.describe());
            }
            String was = role.get().equals("admin") ? " (they were its admin)" : "";
            SentryRequest delete = remote.memberTeam(Endpoint.REMOVE_FROM_TEAM, memberId, teamId);
            if (dry) {
                return done(planned(remote, "would remove " + m.describe() + " from " + t.describe() + was,
                        List.of(delete)));
            }
            return remote.send(delete).thenApply(r -> {
                if (r.status() == 200 || r.status() == 204) {
                    return result(remote, Outcome.DONE, "removed " + m.describe() + " from " + t.describe() + was);
                }
                throw remote.managedByIdentityProvider(r) ? Remote.idpTeam(t.describe())
                        : remote.refusal(delete, r);
            });
        });
    }

    private static String teamFromBody(Remote remote, SentryRequest call, SentryResponse r, String teamId) {
        String slug = Remote.parse(call, r).path("slug").asText("");
        return new TeamInfo(teamId, slug, false).describe();
    }

    static String accessRequested(String memberId, String teamId, String then) {
        return "Sentry did not add member " + memberId + " to " + TeamInfo.describe(teamId) + " but created a request to join it"
                + " (202): a team admin must approve it in Sentry. The token may only ask (org:read); to add"
                + " directly, give it team:write (Team: Read & Write)." + then;
    }

}
