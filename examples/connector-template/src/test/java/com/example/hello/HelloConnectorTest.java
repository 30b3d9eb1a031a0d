package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.plugboard.conformance.TestConnectorContext;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unit tests call the connector directly, with the SPI's test context; the conformance suite runs on the jar. */
class HelloConnectorTest {
    static final List<Map<String, Object>> USERS = List.of(
            Map.of("id", "u1", "name", "Ada Lovelace", "groups", List.of("eng", "ops")),
            Map.of("id", "u2", "name", "Alan Turing", "groups", List.of("eng")),
            Map.of("id", "u3", "name", "Grace Hopper"));

    private static HelloConnector open(Map<String, Object> values, TestConnectorContext context) {
        return (HelloConnector) new HelloConnectorProvider().open(new ConnectorConfig("{}", values), context);
    }

    @Test
    void listsUsersAndGroupsPageByPage() {
        try (HelloConnector c = open(Map.of("users", USERS, "pageSize", 2), TestConnectorContext.create())) {
            Page<Resource> first = c.resources("user", Optional.empty(), Optional.empty()).toCompletableFuture().join();
            assertEquals(List.of("u1", "u2"), first.items().stream().map(Resource::id).toList());
            Page<Resource> second = c.resources("user", Optional.empty(), first.nextToken()).toCompletableFuture()
                    .join();
            assertEquals(List.of("u3"), second.items().stream().map(Resource::id).toList());
            assertEquals(Optional.empty(), second.nextToken());
            List<Resource> groups = c.resources("group", Optional.empty(), Optional.empty()).toCompletableFuture()
                    .join().items();
            assertEquals(List.of("eng", "ops"), groups.stream().map(Resource::id).toList());
        }
    }

    @Test
    void aGroupsMembersHoldItsMemberEntitlement() {
        try (HelloConnector c = open(Map.of("users", USERS), TestConnectorContext.create())) {
            Resource eng = Resource.of(new ResourceRef("group", "eng"), "eng", Map.of());
            List<Grant> grants = c.grants(eng, Optional.empty()).toCompletableFuture().join().items();
            assertEquals(List.of("group:eng:member:user:u1", "group:eng:member:user:u2"),
                    grants.stream().map(Grant::id).toList());
        }
    }

    @Test
    void checkFindsTheUsersAndLogsIt() {
        TestConnectorContext context = TestConnectorContext.create();
        try (HelloConnector c = open(Map.of("users", USERS), context)) {
            assertEquals("found 3 users in 2 groups",
                    c.check().toCompletableFuture().join().findings().get(0).message());
            assertEquals(List.of("INFO checked: 3 users in 2 groups"), context.logLines());
        }
    }

    @Test
    void twoUsersWithOneIdAreAConfigError() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> open(Map.of("users", List.of(
                Map.of("id", "u1", "name", "A"), Map.of("id", "u1", "name", "B"))), TestConnectorContext.create()));
        assertEquals(ErrorKind.CONFIG, e.kind());
        assertEquals("users: the id 'u1' is used twice; give each user its own id", e.getMessage());
    }
}
