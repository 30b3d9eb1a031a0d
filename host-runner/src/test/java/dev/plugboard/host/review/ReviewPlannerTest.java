package dev.plugboard.host.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plugboard.host.access.EffectiveAccess;
import dev.plugboard.host.store.ReviewStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan for grants held via other entitlements (SPI 1.1 {@code Grant.via()}): a manager is admin of team 7 through
 * the org role and the team's membership, so revoking {@code team:7:admin} would not remove it; the plan must name
 * the org role or the membership instead.
 */
class ReviewPlannerTest {
    /** user:5 is a manager, in teams 7 and 8, admin of both through the org role; team 7 reaches project 3. */
    private static final List<String> ORG = List.of(
            "{\"kind\":\"resourceType\",\"id\":\"user\",\"displayName\":\"User\",\"traits\":[\"USER\"]}",
            "{\"kind\":\"resourceType\",\"id\":\"role\",\"displayName\":\"Role\",\"traits\":[\"ROLE\"]}",
            "{\"kind\":\"entitlement\",\"id\":\"role:owner:assigned\",\"resource\":{\"type\":\"role\",\"id\":\"owner\"},"
                    + "\"slug\":\"assigned\"}",
            grant("role:owner:assigned", "user:1", ""),
            grant("role:manager:assigned", "user:5", ""),
            grant("team:7:member", "user:5", ""),
            grant("team:8:member", "user:5", ""),
            "{\"kind\":\"grant\",\"id\":\"team:7:admin:user:5:org-role:manager\",\"entitlement\":\"team:7:admin\","
                    + "\"principal\":{\"type\":\"user\",\"id\":\"5\"},\"via\":[\"role:manager:assigned\","
                    + "\"team:7:member\"]}",
            "{\"kind\":\"grant\",\"id\":\"team:8:admin:user:5:org-role:manager\",\"entitlement\":\"team:8:admin\","
                    + "\"principal\":{\"type\":\"user\",\"id\":\"5\"},\"via\":[\"role:manager:assigned\","
                    + "\"team:8:member\"]}",
            "{\"kind\":\"grant\",\"id\":\"project:3:access:team:7\",\"entitlement\":\"project:3:access\","
                    + "\"principal\":{\"type\":\"team\",\"id\":\"7\"},\"expandable\":[\"team:7:member\"]}",
            "{\"kind\":\"summary\"}");

    private static String grant(String entitlement, String principal, String extra) {
        int colon = principal.indexOf(':');
        return "{\"kind\":\"grant\",\"id\":\"" + entitlement + ":" + principal + "\",\"entitlement\":\"" + entitlement
                + "\",\"principal\":{\"type\":\"" + principal.substring(0, colon) + "\",\"id\":\""
                + principal.substring(colon + 1) + "\"}" + extra + "}";
    }

    private static ReviewPlan plan(ReviewCsv.DecidedRow... decided) throws Exception {
        EffectiveAccess access = EffectiveAccess.read(new ByteArrayInputStream(String.join("\n", ORG)
                .getBytes(StandardCharsets.UTF_8)), "org");
        List<ReviewStore.Row> rows = CampaignRows.of(access, r -> true);
        return new ReviewPlanner(1, rows, rows, 1, AccessGraph.of(ORG)).plan(List.of(decided));
    }

    private static ReviewCsv.DecidedRow revoke(int row, String principal, String entitlement, String remove) {
        return new ReviewCsv.DecidedRow(row, "1", principal, entitlement, "revoke", "alice", "", remove);
    }

    @Test
    void aTeamAdminHeldViaTheOrgRoleIsNeverPlannedAsATeamRoleRevoke() throws Exception {
        ReviewPlan plan = plan(revoke(2, "user:5", "team:7:admin", ""));
        assertThat(plan.refusals()).containsExactly("row 2: the path role:manager:assigned + team:7:member ->"
                + " team:7:admin is held through role:manager:assigned:user:5 team:7:member:user:5 together, so"
                + " revoking the entitlement alone would not remove it: name the one to revoke in remove"
                + " (role:manager:assigned:user:5 team:7:member:user:5)");
        assertThat(plan.revokes()).isEmpty();
        assertThat(plan(revoke(2, "user:5", "team:7:admin", "grant")).refusals()).hasSize(1);
        assertThat(plan(revoke(2, "user:5", "team:7:admin", "team:7:admin:user:5")).refusals())
                .containsExactly("row 2: remove 'team:7:admin:user:5' is not a grant on this access's paths; choose"
                        + " own, grant, or among role:manager:assigned:user:5 team:7:member:user:5");
    }

    @Test
    void namingTheMembershipRevokesItAndNamesWhatElseGoes() throws Exception {
        ReviewPlan plan = plan(revoke(2, "user:5", "team:7:admin", "team:7:member:user:5"));
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.revokes()).containsExactly(new ReviewPlan.PlannedRevoke(
                new AccessGraph.Revoke("team:7:member", "user:5"), List.of(2),
                List.of("user:5 project:3:access", "user:5 team:7:member")));
    }

    @Test
    void namingTheOrgRoleRevokesItAndTheAdminOfEveryTeamItGave() throws Exception {
        ReviewPlan plan = plan(revoke(2, "user:5", "team:7:admin", "role:manager:assigned:user:5"));
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.revokes()).containsExactly(new ReviewPlan.PlannedRevoke(
                new AccessGraph.Revoke("role:manager:assigned", "user:5"), List.of(2),
                List.of("user:5 role:manager:assigned", "user:5 team:8:admin")));
    }

    @Test
    void revokingTheMembershipInTheSameFileTakesTheAdminItGaveAlong() throws Exception {
        ReviewPlan plan = plan(revoke(2, "user:5", "project:3:access", ""), revoke(3, "user:5", "team:7:admin", ""),
                revoke(4, "user:5", "team:7:member", ""));
        assertThat(plan.refusals()).isEmpty();
        assertThat(plan.revokes()).containsExactly(new ReviewPlan.PlannedRevoke(
                new AccessGraph.Revoke("team:7:member", "user:5"), List.of(2, 3, 4), List.of()));
    }

    @Test
    void theLastOwnerIsRefused() throws Exception {
        assertThat(plan(revoke(3, "user:1", "role:owner:assigned", "")).refusals()).containsExactly("row 3: would"
                + " remove the organization's last owner (role:owner:assigned is held by user:1 only): make someone"
                + " else owner first");
    }
}
