package dev.plugboard.sentry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.host.access.AccessRow;
import dev.plugboard.host.access.EffectiveAccess;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.SyncJob;
import dev.plugboard.host.sync.SyncListener;
import dev.plugboard.host.sync.SyncOptions;
import dev.plugboard.host.sync.SyncStats;
import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.simulator.SentrySimulator;
import dev.plugboard.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's "done when", end to end: the host's sync of the simulated Sentry and the access review it computes
 * ({@code plugboard access}), for an organization with managers in teams, a team carrying an org role, a member
 * reaching a project through two teams, and dormant members: every effective grant with each path it comes through
 * and the principal's last activity, in the fewest requests.
 */
class AccessReviewTest {
    static final Instant NOW = Instant.parse("2025-06-15T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theAccessReviewShowsEveryEffectiveGrantWithItsPathsAndLastActivity() throws Exception {
        try (SentrySimulator sim = SentrySimulator.start(SimulatorOptions.builder().seed(7).members(20).teams(6)
                .projects(6).fixedNow(NOW).build())) {
            Path file = dir.resolve("sync.jsonl");
            try (SentryConnector c = SentryConnector.open(SimulatorFixture.config(sim), TestConnectorContext.create(),
                    Tuning.defaults())) {
                new SyncJob("sentry", Map.of(), c.resourceSync().orElseThrow(), SyncOptions.of(4), Retrier.none(),
                        new SyncStats(), SyncListener.none(), System::nanoTime).toFile(file, false);
            }
            assertEquals(SimulatorFixture.minimumRequests(sim.org()), sim.stats().total(), "requests Sentry saw: "
                    + sim.stats().perEndpoint());

            // team 3000004 (web-3) carries the org role manager. Niklaus (100003) is a manager with no team role
            // stored: team admin only through the org role, no direct admin row. Alan Raman (100011) is a member who
            // is a manager through web-3, and also has admin stored in two teams: both paths. Shafi (100002) reaches
            // Mailer 3 and Gateway 4 through two teams each. Lynn (100019) was last active 200 days ago; Alan
            // Matsumoto (100020) never logged in.
            Set<String> shown = Set.of("team:3000004", "user:100002", "user:100003", "user:100011", "user:100019",
                    "user:100020");
            String rows = EffectiveAccess.load(file).rows().stream()
                    .filter(r -> shown.contains(r.principalType() + ":" + r.principalId()))
                    .map(r -> String.join(",", r.values())).collect(Collectors.joining("\n", "", "\n"));
            assertEquals(String.join(",", AccessRow.COLUMNS), "principalType,principalId,principalName,entitlementId,"
                    + "entitlementResourceType,entitlementResourceId,entitlementResourceName,entitlementSlug,path,"
                    + "grantId,principalLastLogin,principalLastActive");
            assertEquals("""
                team,3000004,Web 3,project:4500001:access,project,4500001,Gateway 0,access,direct,project:4500001:access:team:3000004,,
                team,3000004,Web 3,project:4500002:access,project,4500002,Worker 1,access,direct,project:4500002:access:team:3000004,,
                team,3000004,Web 3,role:manager:assigned,role,manager,Manager,assigned,direct,role:manager:assigned:team:3000004,,
                user,100002,Shafi Mensah,project:4500003:access,project,4500003,Admin 2,access,team:3000002:member -> project:4500003:access,project:4500003:access:team:3000002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,project:4500004:access,project,4500004,Mailer 3,access,team:3000003:member -> project:4500004:access,project:4500004:access:team:3000003,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,project:4500004:access,project,4500004,Mailer 3,access,team:3000005:member -> project:4500004:access,project:4500004:access:team:3000005,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,project:4500005:access,project,4500005,Gateway 4,access,team:3000001:member -> project:4500005:access,project:4500005:access:team:3000001,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,project:4500005:access,project,4500005,Gateway 4,access,team:3000005:member -> project:4500005:access,project:4500005:access:team:3000005,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,project:4500006:access,project,4500006,Api 5,access,team:3000002:member -> project:4500006:access,project:4500006:access:team:3000002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,role:member:assigned,role,member,Member,assigned,direct,role:member:assigned:user:100002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,team:3000001:member,team,3000001,Ios 0,member,direct,team:3000001:member:user:100002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,team:3000002:member,team,3000002,Mobile 1,member,direct,team:3000002:member:user:100002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,team:3000003:member,team,3000003,Ml 2,member,direct,team:3000003:member:user:100002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100002,Shafi Mensah,team:3000005:member,team,3000005,Android 4,member,direct,team:3000005:member:user:100002,2025-05-18T08:17:41Z,2025-05-19T04:18:59Z
                user,100003,Niklaus Torvalds,project:4500003:access,project,4500003,Admin 2,access,team:3000002:member -> project:4500003:access,project:4500003:access:team:3000002,,
                user,100003,Niklaus Torvalds,project:4500005:access,project,4500005,Gateway 4,access,team:3000001:member -> project:4500005:access,project:4500005:access:team:3000001,,
                user,100003,Niklaus Torvalds,project:4500006:access,project,4500006,Api 5,access,team:3000002:member -> project:4500006:access,project:4500006:access:team:3000002,,
                user,100003,Niklaus Torvalds,role:manager:assigned,role,manager,Manager,assigned,direct,role:manager:assigned:user:100003,,
                user,100003,Niklaus Torvalds,team:3000001:admin,team,3000001,Ios 0,admin,role:manager:assigned + team:3000001:member -> team:3000001:admin,team:3000001:admin:user:100003:org-role:manager,,
                user,100003,Niklaus Torvalds,team:3000001:member,team,3000001,Ios 0,member,direct,team:3000001:member:user:100003,,
                user,100003,Niklaus Torvalds,team:3000002:admin,team,3000002,Mobile 1,admin,role:manager:assigned + team:3000002:member -> team:3000002:admin,team:3000002:admin:user:100003:org-role:manager,,
                user,100003,Niklaus Torvalds,team:3000002:member,team,3000002,Mobile 1,member,direct,team:3000002:member:user:100003,,
                user,100011,Alan Raman,project:4500001:access,project,4500001,Gateway 0,access,team:3000004:member -> project:4500001:access,project:4500001:access:team:3000004,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,project:4500002:access,project,4500002,Worker 1,access,team:3000004:member -> project:4500002:access,project:4500002:access:team:3000004,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,project:4500003:access,project,4500003,Admin 2,access,team:3000002:member -> project:4500003:access,project:4500003:access:team:3000002,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,project:4500005:access,project,4500005,Gateway 4,access,team:3000001:member -> project:4500005:access,project:4500005:access:team:3000001,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,project:4500006:access,project,4500006,Api 5,access,team:3000002:member -> project:4500006:access,project:4500006:access:team:3000002,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,role:manager:assigned,role,manager,Manager,assigned,team:3000004:member -> role:manager:assigned,role:manager:assigned:team:3000004,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,role:member:assigned,role,member,Member,assigned,direct,role:member:assigned:user:100011,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000001:admin,team,3000001,Ios 0,admin,direct,team:3000001:admin:user:100011,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000001:admin,team,3000001,Ios 0,admin,role:manager:assigned + team:3000001:member -> team:3000001:admin,team:3000001:admin:user:100011:org-role:manager,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000001:member,team,3000001,Ios 0,member,direct,team:3000001:member:user:100011,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000002:admin,team,3000002,Mobile 1,admin,direct,team:3000002:admin:user:100011,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000002:admin,team,3000002,Mobile 1,admin,role:manager:assigned + team:3000002:member -> team:3000002:admin,team:3000002:admin:user:100011:org-role:manager,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000002:member,team,3000002,Mobile 1,member,direct,team:3000002:member:user:100011,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000004:admin,team,3000004,Web 3,admin,role:manager:assigned + team:3000004:member -> team:3000004:admin,team:3000004:admin:user:100011:org-role:manager,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100011,Alan Raman,team:3000004:member,team,3000004,Web 3,member,direct,team:3000004:member:user:100011,2025-06-08T13:58:04Z,2025-06-09T23:02:19Z
                user,100019,Lynn Shaw,project:4500003:access,project,4500003,Admin 2,access,team:3000002:member -> project:4500003:access,project:4500003:access:team:3000002,2024-11-17T10:00:00Z,2024-11-27T10:00:00Z
                user,100019,Lynn Shaw,project:4500004:access,project,4500004,Mailer 3,access,team:3000003:member -> project:4500004:access,project:4500004:access:team:3000003,2024-11-17T10:00:00Z,2024-11-27T10:00:00Z
                user,100019,Lynn Shaw,project:4500006:access,project,4500006,Api 5,access,team:3000002:member -> project:4500006:access,project:4500006:access:team:3000002,2024-11-17T10:00:00Z,2024-11-27T10:00:00Z
                user,100019,Lynn Shaw,role:member:assigned,role,member,Member,assigned,direct,role:member:assigned:user:100019,2024-11-17T10:00:00Z,2024-11-27T10:00:00Z
                user,100019,Lynn Shaw,team:3000002:member,team,3000002,Mobile 1,member,direct,team:3000002:member:user:100019,2024-11-17T10:00:00Z,2024-11-27T10:00:00Z
                user,100019,Lynn Shaw,team:3000003:member,team,3000003,Ml 2,member,direct,team:3000003:member:user:100019,2024-11-17T10:00:00Z,2024-11-27T10:00:00Z
                user,100020,Alan Matsumoto,project:4500003:access,project,4500003,Admin 2,access,team:3000002:member -> project:4500003:access,project:4500003:access:team:3000002,,
                user,100020,Alan Matsumoto,project:4500004:access,project,4500004,Mailer 3,access,team:3000003:member -> project:4500004:access,project:4500004:access:team:3000003,,
                user,100020,Alan Matsumoto,project:4500005:access,project,4500005,Gateway 4,access,team:3000001:member -> project:4500005:access,project:4500005:access:team:3000001,,
                user,100020,Alan Matsumoto,project:4500006:access,project,4500006,Api 5,access,team:3000002:member -> project:4500006:access,project:4500006:access:team:3000002,,
                user,100020,Alan Matsumoto,role:member:assigned,role,member,Member,assigned,direct,role:member:assigned:user:100020,,
                user,100020,Alan Matsumoto,team:3000001:member,team,3000001,Ios 0,member,direct,team:3000001:member:user:100020,,
                user,100020,Alan Matsumoto,team:3000002:member,team,3000002,Mobile 1,member,direct,team:3000002:member:user:100020,,
                user,100020,Alan Matsumoto,team:3000003:member,team,3000003,Ml 2,member,direct,team:3000003:member:user:100020,,
                """, rows);
        }
    }
}
