package dev.plugboard.conformance;

import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.ProvisioningResult;
import dev.plugboard.spi.RevokeRequest;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Conformance check of the plugin's provisioning: a grant and its revoke show in a sync, and repeating either answers
 * "already so". Needs the fixture's {@code provisioning(entitlementId, principal)}; skipped without it. An entitlement
 * or principal no sync shows, or a principal that already holds the entitlement, is a wrong input
 * ({@link WrongInputException}), not a failure of the plugin.
 */
public interface ProvisioningChecks extends ConformanceChecks {
    @Test
    @Order(700)
    @DisplayName("provisioning: a grant and its revoke show in a sync")
    default void provisioningRoundTrip(SuiteRun run) {
        Assumptions.assumeTrue(run.session().descriptor().offers(Capability.PROVISIONING),
                "the plugin does not declare PROVISIONING");
        FixtureInputs inputs = run.session().fixture().inputs();
        Optional<ProvisioningProbe> probe = run.session().fixture().provisioning();
        Assumptions.assumeTrue(probe.isPresent(), "no grant to round-trip was named (" + inputs.howToProvision()
                + ")");
        Assumptions.assumeTrue(run.session().descriptor().offers(Capability.RESOURCE_SYNC),
                "provisioning is checked through a sync, and the plugin does not declare RESOURCE_SYNC");
        ProvisioningProbe p = probe.get();
        String pair = p.principal() + " holding " + p.entitlementId();
        String given = inputs.provisioning(p) + ": ";
        String seen = " in a sync of " + inputs.workingConfig();
        SyncSnapshot before = run.session().freshSync();
        if (before.entitlements().stream().noneMatch(e -> e.id().equals(p.entitlementId()))) {
            throw new WrongInputException(given + "no entitlement " + p.entitlementId() + seen + ": name one"
                    + " exactly as 'plugboard sync' lists it");
        }
        if (before.resources().stream().noneMatch(r -> r.ref().equals(p.principal()))) {
            throw new WrongInputException(given + "no principal " + p.principal() + seen + ": name one exactly as"
                    + " 'plugboard sync' lists it (TYPE:ID)");
        }
        if (holds(before, p)) {
            throw new WrongInputException(given + p.principal() + " already holds " + p.entitlementId() + seen
                    + ": name a principal that does not hold it yet (the check grants it, then revokes it)");
        }
        Problems problems = new Problems();
        try (Connector c = run.session().openWorking()) {
            Provisioning prov = c.provisioning().orElseThrow(() -> new AssertionFailedError(
                    "the plugin declares PROVISIONING but connector.provisioning() is empty"));
            expect(run, problems, prov.grant(new GrantRequest(p.entitlementId(), p.principal(), false)), "grant",
                    ProvisioningResult.Outcome.DONE);
            if (!holds(run.session().freshSync(), p)) {
                problems.add("after grant() answered, a new sync does not show " + pair);
            }
            expect(run, problems, prov.grant(new GrantRequest(p.entitlementId(), p.principal(), false)),
                    "grant (repeated)", ProvisioningResult.Outcome.ALREADY_SO);
            expect(run, problems, prov.revoke(new RevokeRequest(p.entitlementId(), p.principal(), false)), "revoke",
                    ProvisioningResult.Outcome.DONE);
            if (holds(run.session().freshSync(), p)) {
                problems.add("after revoke() answered, a new sync still shows " + pair);
            }
            expect(run, problems, prov.revoke(new RevokeRequest(p.entitlementId(), p.principal(), false)),
                    "revoke (repeated)", ProvisioningResult.Outcome.ALREADY_SO);
        }
        problems.failIfAny("grant and revoke of " + pair + " must change what a sync shows, and be idempotent");
    }

    private static boolean holds(SyncSnapshot sync, ProvisioningProbe p) {
        return sync.grants().stream().anyMatch(g -> g.entitlementId().equals(p.entitlementId())
                && g.principal().equals(p.principal()) && !g.isExpandable());
    }

    private static void expect(SuiteRun run, Problems problems, java.util.concurrent.CompletionStage<ProvisioningResult> stage,
                        String what, ProvisioningResult.Outcome expected) {
        try {
            ProvisioningResult result = run.session().await(stage, what + "()");
            run.session().transcript().add(what + " result", result);
            if (result.outcome() != expected) {
                problems.add(what + " answered " + result.outcome() + " (" + result.message() + "); expected "
                        + expected);
            }
        } catch (ConformanceSession.CallFailure e) {
            problems.add(e.getMessage());
        }
    }
}
