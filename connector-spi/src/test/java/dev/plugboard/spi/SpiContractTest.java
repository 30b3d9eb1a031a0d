package dev.plugboard.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpiContractTest {

    @Test
    void theSpiVersionComesFromTheBuildAndFollowsMajorMinorRules() {
        assertEquals(new SpiVersion(1, 1), SpiVersion.current());
        assertTrue(new SpiVersion(1, 2).canRun(new SpiVersion(1, 0)));
        assertFalse(new SpiVersion(1, 0).canRun(new SpiVersion(1, 2)));
        assertFalse(new SpiVersion(2, 0).canRun(new SpiVersion(1, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpiVersion.parse("1"));
        assertEquals("SPI version must look like MAJOR.MINOR (e.g. 1.0), got '1'", e.getMessage());
    }

    @Test
    void descriptorsRejectBadIdsAndConcurrency() {
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> new ConnectorDescriptor("Sentry",
                "Sentry", "1", SpiVersion.current(), Set.of(), Optional.empty(), "{}", 1));
        assertEquals("connector id 'Sentry' must be lower case letters, digits and dashes, starting with a letter,"
                + " at most 63 characters", id.getMessage());
        IllegalArgumentException conc = assertThrows(IllegalArgumentException.class, () -> new ConnectorDescriptor(
                "sentry", "Sentry", "1", SpiVersion.current(), Set.of(), Optional.empty(), "{}", 0));
        assertEquals("defaultConcurrency must be at least 1, got 0", conc.getMessage());
        ConnectorDescriptor d = new ConnectorDescriptor("sentry", "Sentry", "1", SpiVersion.current(),
                Set.of(Capability.REPORTS, Capability.RESOURCE_SYNC), Optional.empty(), "{}", 4);
        assertTrue(d.offers(Capability.REPORTS));
        assertFalse(d.offers(Capability.PROVISIONING));
    }

    @Test
    void recordsCopyTheirInputsDeeply() {
        Map<String, Object> nested = new HashMap<>();
        nested.put("slug", "backend");
        List<Object> teams = new ArrayList<>(List.of(nested));
        Map<String, Object> profile = new HashMap<>();
        profile.put("teams", teams);
        profile.put("lastLogin", null);
        profile.put("created", Instant.EPOCH);
        Resource r = Resource.of(new ResourceRef("project", "3"), "web", profile);
        nested.put("slug", "changed");
        teams.add("more");
        assertEquals(List.of(Map.of("slug", "backend")), r.profile().get("teams"));
        assertTrue(r.profile().containsKey("lastLogin"));
        assertThrows(UnsupportedOperationException.class, () -> r.profile().put("x", 1));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Resource.of(new ResourceRef("user", "1"), "x", Map.of("thread", new Object())));
        assertTrue(bad.getMessage().startsWith("profile.thread must be a JSON value"));
    }

    @Test
    void idsFollowTheConventions() {
        ResourceRef team = new ResourceRef("team", "7");
        String entitlement = Entitlement.idOf(team, "member");
        assertEquals("team:7:member", entitlement);
        Grant g = Grant.expandable("project:3:access", team, List.of(entitlement));
        assertEquals("project:3:access:team:7", g.id());
        assertTrue(g.isExpandable());
        assertEquals(new ResourceRef("user", "42:x"), ResourceRef.parse("user:42:x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceRef.parse("user"));
        assertEquals("expected TYPE:ID (e.g. user:42), got 'user'", e.getMessage());
    }

    @Test
    void aGrantSaysWhichEntitlementsItIsHeldThrough() {
        ResourceRef user = new ResourceRef("user", "9");
        Grant plain = new Grant("team:7:admin:user:9:org-role:manager", "team:7:admin", user, List.of());
        assertEquals(List.of(), plain.via());
        assertFalse(plain.isHeldVia());
        Grant held = plain.withVia(List.of("role:manager:assigned", "team:7:member"));
        assertEquals(List.of("role:manager:assigned", "team:7:member"), held.via());
        assertTrue(held.isHeldVia());
        assertEquals(plain.id(), held.id());
        assertEquals(held, new Grant(plain.id(), "team:7:admin", user, List.of(),
                List.of("role:manager:assigned", "team:7:member")));
        assertEquals("grant g cannot be held via its own entitlement team:7:admin", assertThrows(
                IllegalArgumentException.class, () -> new Grant("g", "team:7:admin", user, List.of(),
                        List.of("team:7:admin"))).getMessage());
        assertEquals("grant g names an entitlement twice in via [team:7:member, team:7:member]", assertThrows(
                IllegalArgumentException.class, () -> new Grant("g", "team:7:admin", user, List.of(),
                        List.of("team:7:member", "team:7:member"))).getMessage());
        assertEquals("via must not be blank", assertThrows(IllegalArgumentException.class,
                () -> plain.withVia(List.of(" "))).getMessage());
    }

    @Test
    void pagesChecksResultsAndColumnTypes() {
        assertFalse(Page.<String>empty().hasNext());
        assertEquals(Optional.of("c2"), Page.of(List.of("a"), "c2").nextToken());
        assertThrows(IllegalArgumentException.class, () -> Page.of(List.of(), " "));
        CheckResult result = new CheckResult(List.of(Finding.info("ok", "token valid"), Finding.error("scope", "missing member:read")));
        assertFalse(result.ok());
        assertEquals(List.of(Finding.error("scope", "missing member:read")), result.errors());
        assertTrue(ColumnType.INTEGER.accepts(3L));
        assertFalse(ColumnType.INTEGER.accepts(3.5));
        assertTrue(ColumnType.TIMESTAMP.accepts(Instant.EPOCH));
        assertFalse(ColumnType.TIMESTAMP.accepts("2024-01-01T00:00:00Z"));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> new ReportDefinition("r", "R", "",
                "{}", List.of(Column.of("a", ColumnType.STRING), Column.of("a", ColumnType.JSON))));
        assertEquals("report r has two columns named a", dup.getMessage());
    }

    @Test
    void errorKindsSayWhichAreRetryable() {
        assertTrue(ErrorKind.RATE_LIMITED.retryable());
        assertTrue(ErrorKind.UNAVAILABLE.retryable());
        assertFalse(ErrorKind.PERMISSION.retryable());
        ConnectorException e = new ConnectorException(ErrorKind.NOT_FOUND, "organization 'acme' not found");
        assertEquals(Optional.empty(), e.retryAfter());
        assertEquals(ErrorKind.NOT_FOUND, e.kind());
    }
}
