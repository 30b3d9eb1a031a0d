package dev.plugboard.host.store;

import dev.plugboard.host.sync.FakeResourceSync;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An organization described in lines ({@link Org}), as SPI records in a plugin's walk order and as a plugin's
 * {@link FakeResourceSync}. Uses only the JDK, the SPI and FakeResourceSync, so it runs inside a plugin jar.
 */
public final class OrgSource {
    private OrgSource() {
    }

    /** @return the records: types, then per line its resource, entitlements or grant */
    public static List<Object> records(String text) {
        List<Object> records = new ArrayList<>();
        records.add(new ResourceType("user", "User", Set.of(Trait.USER), "a user"));
        records.add(new ResourceType("team", "Team", Set.of(Trait.GROUP), "a team"));
        records.add(new ResourceType("project", "Project", Set.of(Trait.APP), "a project"));
        for (String line : text.strip().split("\n")) {
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "user" -> records.add(Resource.of(new ResourceRef("user", f[1]), f[2],
                        f.length > 3 ? Map.of("role", f[3]) : Map.of()));
                case "team" -> {
                    ResourceRef team = new ResourceRef("team", f[1]);
                    records.add(Resource.of(team, f[2], Map.of()));
                    records.add(new Entitlement("team:" + f[1] + ":member", team, "member", "Member",
                            Entitlement.Purpose.ASSIGNMENT, Set.of("user")));
                    records.add(new Entitlement("team:" + f[1] + ":admin", team, "admin", "Admin",
                            Entitlement.Purpose.ASSIGNMENT, Set.of("user")));
                }
                case "member", "admin" -> records.add(Grant.of("team:" + f[1] + ":" + f[0],
                        new ResourceRef("user", f[2])));
                // "held 7 2 role:manager:assigned,team:7:member": team 7's admin, held through those entitlements
                case "held" -> records.add(new Grant(Grant.idOf("team:" + f[1] + ":admin", new ResourceRef("user",
                        f[2])) + ":via", "team:" + f[1] + ":admin", new ResourceRef("user", f[2]), List.of(),
                        List.of(f[3].split(","))));
                case "project" -> {
                    ResourceRef project = new ResourceRef("project", f[1]);
                    records.add(Resource.of(project, f[2], Map.of()));
                    records.add(new Entitlement("project:" + f[1] + ":access", project, "access", "Access",
                            Entitlement.Purpose.PERMISSION, Set.of("team")));
                }
                case "access" -> records.add(Grant.expandable("project:" + f[1] + ":access",
                        new ResourceRef("team", f[2]), List.of("team:" + f[2] + ":member")));
                default -> throw new IllegalArgumentException("bad org line: " + line);
            }
        }
        return records;
    }

    /** @return a plugin's sync of the organization */
    public static FakeResourceSync source(String text) {
        FakeResourceSync sync = new FakeResourceSync();
        sync.type("user", Trait.USER).type("team", Trait.GROUP).type("project", Trait.APP);
        for (Object r : records(text)) {
            if (r instanceof Resource res) {
                sync.resource(res);
            } else if (r instanceof Entitlement e) {
                sync.entitlement(e);
            } else if (r instanceof Grant g) {
                sync.grant(ResourceRef.parse(g.entitlementId().substring(0, g.entitlementId().lastIndexOf(':'))), g);
            }
        }
        return sync;
    }
}
