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

/** {@code project:<id>:access}: gives a team access to a project, or takes it away. */
final class ProjectAccess {
    private ProjectAccess() {
    }

    static CompletionStage<ProvisioningResult> giveProjectAccess(Remote remote, String projectId, String teamId,
                                                                  boolean dry) {
        return remote.projectTeams(projectId).thenCompose(teams -> {
            Optional<TeamInfo> has = find(teams, teamId);
            if (has.isPresent()) {
                return done(alreadySo(remote, dry, has.get().describe() + " already has access to project "
                        + projectId));
            }
            SentryRequest post = remote.projectTeam(Endpoint.ADD_PROJECT_TEAM, projectId, teamId);
            if (dry) {
                return remote.team(teamId).thenApply(t -> planned(remote, "would give " + t.describe()
                        + " access to project " + projectId, List.of(post)));
            }
            return remote.send(post).thenApply(r -> {
                if (r.status() == 201 || r.status() == 200) {
                    return result(remote, Outcome.DONE, "gave " + TeamInfo.describe(teamId) + " access to project "
                            + projectFromBody(remote, post, r, projectId));
                }
                if (r.status() == 404) {
                    throw Remote.noTeam(remote, teamId);
                }
                throw remote.refusal(post, r);
            });
        });
    }

    static CompletionStage<ProvisioningResult> takeProjectAccess(Remote remote, String projectId, String teamId,
                                                                  boolean dry) {
        return remote.projectTeams(projectId).thenCompose(teams -> {
            Optional<TeamInfo> has = find(teams, teamId);
            if (has.isEmpty()) {
                return remote.team(teamId).thenApply(t -> alreadySo(remote, dry, t.describe() + " has no access to"
                        + " project " + projectId));
            }
            TeamInfo t = has.get();
            SentryRequest delete = remote.projectTeam(Endpoint.REMOVE_PROJECT_TEAM, projectId, teamId);
            if (dry) {
                return done(planned(remote, "would take " + t.describe() + "'s access to project " + projectId,
                        List.of(delete)));
            }
            return remote.send(delete).thenApply(r -> {
                if (r.status() == 200 || r.status() == 204) {
                    return result(remote, Outcome.DONE, "took " + t.describe() + "'s access to project "
                            + projectId);
                }
                throw remote.refusal(delete, r);
            });
        });
    }

    private static Optional<TeamInfo> find(List<TeamInfo> teams, String idOrSlug) {
        return teams.stream().filter(t -> t.id().equals(idOrSlug) || t.slug().equals(idOrSlug)).findFirst();
    }

    private static String projectFromBody(Remote remote, SentryRequest call, SentryResponse r, String projectId) {
        String slug = Remote.parse(call, r).path("slug").asText("");
        return slug.isEmpty() ? projectId : "'" + slug + "' (project:" + projectId + ")";
    }

}
