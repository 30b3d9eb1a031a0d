package dev.plugboard.sentry.provisioning;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plugboard.sentry.http.SentryApi;
import dev.plugboard.spi.AccountRequest;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.RevokeRequest;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Grants and revokes access in one Sentry organization, for just-in-time access, with the entitlement ids the
 * identity sync lists; each kind of change lives in its own class:
 * <ul>
 *   <li>{@code team:<id>:member} to {@code user:<memberId>}: add to / remove from the team ({@link TeamMembership});</li>
 *   <li>{@code team:<id>:admin} to a user: set the team role to admin (adding to the team first when needed) /
 *       back to contributor ({@link TeamRole});</li>
 *   <li>{@code role:<role>:assigned} to a user: change the organization role (needs a user auth token); revoking
 *       sets it back to {@code member}, and revoking {@code member} itself is refused (a member always has one
 *       role) ({@link OrgRole});</li>
 *   <li>{@code project:<id>:access} to {@code team:<id>}: give / take the team's access to the project
 *       ({@link ProjectAccess});</li>
 *   <li>accounts: invite by email with a role and teams; remove a member ({@link Accounts}).</li>
 * </ul>
 * Each operation reads the current state only where it must to answer ALREADY_SO (see PROVISIONING.md for the
 * requests of each), and a failed multi-step change is undone or reported exactly. Dry runs may read, never write;
 * their result lists the writes that would be sent ({@link Outcomes}). See {@code sentry-plugin/PROVISIONING.md}.
 */
public final class SentryProvisioning implements Provisioning {
    private final SentryApi http;
    private final TokenKind tokenKind;
    private final Supplier<CompletionStage<List<String>>> orgRoles;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param http      the connector's HTTP layer
     * @param tokenKind the kind of the configured auth token (never the token)
     * @param orgRoles  the ids of the organization's roles ({@code orgRoleList}), in Sentry's order
     */
    public SentryProvisioning(SentryApi http, TokenKind tokenKind, Supplier<CompletionStage<List<String>>> orgRoles) {
        this.http = Objects.requireNonNull(http, "http");
        this.tokenKind = Objects.requireNonNull(tokenKind, "tokenKind");
        this.orgRoles = Objects.requireNonNull(orgRoles, "orgRoles");
    }

    @Override
    public CompletionStage<ProvisioningResult> grant(GrantRequest request) {
        return run(remote -> {
            Target target = Target.parse(request.entitlementId());
            String principal = target.principalId(request.principal());
            boolean dry = request.dryRun();
            return switch (target.kind()) {
                case TEAM_MEMBER -> TeamMembership.addToTeam(remote, target.resourceId(), principal, dry);
                case TEAM_ADMIN -> TeamRole.makeTeamAdmin(remote, target.resourceId(), principal, dry);
                case ORG_ROLE -> OrgRole.setOrgRole(remote, target.resourceId(), principal, dry);
                case PROJECT_ACCESS -> ProjectAccess.giveProjectAccess(remote, target.resourceId(), principal, dry);
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
                case TEAM_MEMBER -> TeamMembership.removeFromTeam(remote, target.resourceId(), principal, dry);
                case TEAM_ADMIN -> TeamRole.makeContributor(remote, target.resourceId(), principal, dry);
                case ORG_ROLE -> OrgRole.resetOrgRole(remote, target.resourceId(), principal, dry);
                case PROJECT_ACCESS -> ProjectAccess.takeProjectAccess(remote, target.resourceId(), principal, dry);
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
        return run(remote -> Accounts.invite(remote, request.profile(), request.dryRun()));
    }

    /** Removes a member ({@code user:<memberId>}); ALREADY_SO when the organization has no such member. */
    @Override
    public CompletionStage<ProvisioningResult> deleteAccount(ResourceRef account, boolean dryRun) {
        return run(remote -> Accounts.removeMember(remote, account, dryRun));
    }

    /** Runs one operation with its own {@link Remote}; every failure becomes a ConnectorException. */
    private CompletionStage<ProvisioningResult> run(Function<Remote, CompletionStage<ProvisioningResult>> op) {
        CompletableFuture<ProvisioningResult> out = new CompletableFuture<>();
        CompletionStage<ProvisioningResult> stage;
        try {
            stage = op.apply(new Remote(http, tokenKind, orgRoles, json));
        } catch (RuntimeException e) {
            out.completeExceptionally(Outcomes.unwrap(e));
            return out;
        }
        stage.whenComplete((value, err) -> {
            if (err != null) {
                out.completeExceptionally(Outcomes.unwrap(err));
            } else {
                out.complete(value);
            }
        });
        return out;
    }
}
