package dev.plugboard.sentry.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.sentry.http.SentryClient;
import dev.plugboard.sentry.http.SentryException;
import dev.plugboard.sentry.http.SentryResponse;
import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code check()}: is the host reachable, is the token valid, is the organization there, and does the token hold
 * each scope the sync needs? Each problem is a finding with a stable code (the same codes the sync's errors
 * carry); the check never fails its stage for a problem of the remote system.
 *
 * <p>Requests: the organization detail (memoized, so the sync that follows reuses it), then one {@code per_page=1}
 * probe per scope: members (member:read), teams and projects (org:read), and the members of the first team
 * (team:read). Codes:
 * <ul>
 *   <li>{@code token.org-auth-token}: an {@code sntrys_} token, which cannot read members;</li>
 *   <li>{@code auth.invalid-token}, {@code auth.token-expired}, {@code auth.wrong-organization},
 *       {@code auth.missing}, {@code auth.rejected}: the 401 answers;</li>
 *   <li>{@code organization.not-found}: 404 on the organization;</li>
 *   <li>{@code scope.missing.org-read}, {@code scope.missing.member-read}, {@code scope.missing.team-read};</li>
 *   <li>{@code scope.unverified.team-read}: no team to probe team:read with (warning);</li>
 *   <li>{@code host.unreachable}, {@code host.tls}, {@code remote.unavailable}, {@code remote.rate-limited},
 *       {@code config.redirect}, {@code remote.malformed-response}: the host could not be used;</li>
 *   <li>{@code organization.ok}, {@code scopes.ok}: what was confirmed (info).</li>
 * </ul>
 */
public final class SentryCheck {
    private final SentryOrganization org;
    private final String token;

    public SentryCheck(SentryOrganization org, String token) {
        this.org = org;
        this.token = token;
    }

    public CompletionStage<CheckResult> run() {
        List<Finding> findings = new ArrayList<>();
        if (token.startsWith("sntrys_")) {
            findings.add(Finding.error("token.org-auth-token", "authToken is an organization auth token (sntrys_),"
                    + " which carries only org:ci and cannot read members or teams. Use an internal integration token"
                    + " (sntryi_; Settings > Custom Integrations) with Organization: Read, Member: Read and Team: Read,"
                    + " or a user token (sntryu_) with org:read, member:read and team:read."));
        }
        return org.detail().handle((detail, error) -> {
            if (error != null) {
                findings.add(finding(SentryClient.unwrap(error)));
                return CompletableFuture.completedFuture(new CheckResult(findings));
            }
            findings.add(Finding.info("organization.ok", "Organization '" + detail.slug() + "' (id " + detail.id()
                    + ", " + detail.name() + ") found; API host " + detail.apiHost() + "."));
            return probes(findings);
        }).thenCompose(s -> s);
    }

    private CompletionStage<CheckResult> probes(List<Finding> findings) {
        CompletableFuture<Optional<Finding>> members = probe(org.members(Optional.empty(), 1)).toCompletableFuture();
        CompletableFuture<Optional<Finding>> projects = probe(org.projects(Optional.empty(), 1)).toCompletableFuture();
        CompletableFuture<Optional<Finding>> teams = org.teams(Optional.empty(), 1).handle((r, e) -> {
            if (e != null) {
                return CompletableFuture.completedFuture(Optional.of(finding(SentryClient.unwrap(e))));
            }
            Optional<String> team = firstTeam(r.json());
            if (team.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.of(Finding.warning("scope.unverified.team-read",
                        "The organization has no team, so team:read (needed to list team members) could not be"
                                + " verified; make sure the token has it before teams are created.")));
            }
            return probe(org.teamMembers(team.get(), Optional.empty(), 1));
        }).thenCompose(s -> s).toCompletableFuture();
        return CompletableFuture.allOf(members, projects, teams).thenApply(v -> {
            List<Finding> all = new ArrayList<>(findings);
            for (CompletableFuture<Optional<Finding>> f : List.of(members, projects, teams)) {
                f.join().filter(x -> all.stream().noneMatch(y -> y.code().equals(x.code()))).ifPresent(all::add);
            }
            if (all.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR)) {
                boolean teamVerified = teams.join().isEmpty();
                all.add(Finding.info("scopes.ok", "The token can list members (member:read), teams and projects"
                        + " (org:read)" + (teamVerified ? " and team members (team:read)" : "") + "."));
            }
            all.sort(java.util.Comparator.comparingInt(f -> f.severity().ordinal()));
            return new CheckResult(all);
        });
    }

    private static Optional<String> firstTeam(JsonNode body) {
        if (!body.isArray() || body.isEmpty()) {
            return Optional.empty();
        }
        JsonNode t = body.get(0);
        return Json.text(t, "slug").or(() -> Json.text(t, "id"));
    }

    private static CompletionStage<Optional<Finding>> probe(CompletionStage<SentryResponse> call) {
        return call.handle((r, e) -> e == null ? Optional.<Finding>empty()
                : Optional.of(finding(SentryClient.unwrap(e))));
    }

    static Finding finding(Throwable t) {
        if (t instanceof SentryException se) {
            return se.kind() == ErrorKind.RATE_LIMITED ? Finding.warning(se.code(), se.getMessage())
                    : Finding.error(se.code(), se.getMessage());
        }
        if (t instanceof ConnectorException ce) {
            return Finding.error("check." + ce.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    ce.getMessage());
        }
        return Finding.error("check.internal", "the check failed on a bug in the Sentry connector: " + t);
    }
}
