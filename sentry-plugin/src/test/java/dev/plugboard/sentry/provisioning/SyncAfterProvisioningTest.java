package dev.plugboard.sentry.provisioning;

import dev.plugboard.simulator.model.Member;
import dev.plugboard.simulator.model.OrgRole;
import dev.plugboard.simulator.model.Project;
import dev.plugboard.simulator.model.Team;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.GrantRequest;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Provisioning;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.RevokeRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.plugboard.sentry.provisioning.Sim.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The connector's own sync sees each grant after it is made and no longer after it is revoked. */
class SyncAfterProvisioningTest {

    @Test
    void grantsShowInTheSyncAndRevokesDisappear() {
        try (Sim s = new Sim()) {
            Connector c = s.connector(Sim.USER_TOKEN);
            Provisioning p = c.provisioning().orElseThrow();
            ResourceSync sync = c.resourceSync().orElseThrow();
            Member m = s.member(OrgRole.MEMBER);
            Team t = s.teamWithout(m);
            Project pr = s.sim.org().projects().get(0);
            Team outside = s.sim.org().teams().stream().filter(x -> !pr.teamIds().contains(x.id())).findFirst()
                    .orElseThrow();
            ResourceRef user = new ResourceRef("user", m.id());
            ResourceRef team = new ResourceRef("team", outside.id());
            List<Grant> wanted = List.of(Grant.of("team:" + t.id() + ":member", user),
                    Grant.of("team:" + t.id() + ":admin", user), Grant.of("role:manager:assigned", user));
            String access = "project:" + pr.id() + ":access";

            assertEquals(List.of(), present(sync, wanted));
            assertEquals(false, holds(sync, "project", pr.id(), access, team));

            await(p.grant(new GrantRequest("team:" + t.id() + ":admin", user, false)));
            await(p.grant(new GrantRequest("role:manager:assigned", user, false)));
            await(p.grant(new GrantRequest(access, team, false)));
            assertEquals(wanted, present(sync, wanted));
            assertEquals(true, holds(sync, "project", pr.id(), access, team));

            await(p.revoke(new RevokeRequest("role:manager:assigned", user, false)));
            await(p.revoke(new RevokeRequest("team:" + t.id() + ":admin", user, false)));
            assertEquals(List.of(wanted.get(0)), present(sync, wanted), "still a member, no longer admin or manager");
            await(p.revoke(new RevokeRequest("team:" + t.id() + ":member", user, false)));
            await(p.revoke(new RevokeRequest(access, team, false)));
            assertEquals(List.of(), present(sync, wanted));
            assertEquals(false, holds(sync, "project", pr.id(), access, team));
        }
    }

    /** @return the wanted grants the sync lists now, in the wanted order */
    private static List<Grant> present(ResourceSync sync, List<Grant> wanted) {
        List<Grant> all = new ArrayList<>();
        for (String type : List.of("user", "team")) {
            for (Resource r : all(sync, type)) {
                Optional<String> token = Optional.empty();
                do {
                    Page<Grant> page = await(sync.grants(r, token));
                    all.addAll(page.items());
                    token = page.nextToken();
                } while (token.isPresent());
            }
        }
        return wanted.stream().filter(w -> all.stream().anyMatch(g -> g.entitlementId().equals(w.entitlementId())
                && g.principal().equals(w.principal()))).toList();
    }

    private static boolean holds(ResourceSync sync, String type, String id, String entitlement, ResourceRef who) {
        Resource r = all(sync, type).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        return await(sync.grants(r, Optional.empty())).items().stream()
                .anyMatch(g -> g.entitlementId().equals(entitlement) && g.principal().equals(who));
    }

    private static List<Resource> all(ResourceSync sync, String type) {
        List<Resource> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Resource> page = await(sync.resources(type, Optional.empty(), token));
            out.addAll(page.items());
            token = page.nextToken();
        } while (token.isPresent());
        return out;
    }
}
