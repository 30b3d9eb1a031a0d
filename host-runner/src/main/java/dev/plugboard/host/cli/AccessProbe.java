package dev.plugboard.host.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.store.Leases;
import dev.plugboard.host.store.StoredConnection;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads back from the target whether a principal holds an entitlement directly, narrowly instead of by a sync: the
 * entitlement's resource (known from the store's last sync) is listed afresh from its type's listing, stopping at
 * it, and its grants are read. When that resource lists no grant of the entitlement at all (a connector may report
 * a principal's grants from the principal, as Sentry does for organization roles), the principal's resource is read
 * the same way.
 */
final class AccessProbe {
    private final ConnectorSession session;
    private final Leases leases;
    private final StoredConnection connection;

    /**
     * What the read found.
     *
     * @param held     whether the grant is listed; empty when the target could not be read back
     * @param message  what was read, or why it could not be
     * @param requests the requests the read took (as the plugin reported them)
     */
    record Answer(Optional<Boolean> held, String message, long requests) {
    }

    AccessProbe(ConnectorSession session, Leases leases, StoredConnection connection) {
        this.session = session;
        this.leases = leases;
        this.connection = connection;
    }

    /**
     * @param entitlementId the entitlement
     * @param principal     {@code type:id}
     * @return what the target lists now
     */
    Answer check(String entitlementId, String principal) {
        Optional<String> stored = leases.latest(connection, "entitlement", entitlementId);
        if (stored.isEmpty()) {
            return new Answer(Optional.empty(), "entitlement " + entitlementId + " is not in the store, so which"
                    + " resource lists it is unknown: sync connection '" + connection.name() + "' (plugboard sync)"
                    + " and the next expire reads it back", 0);
        }
        ResourceRef owner = ref(read(stored.get()).path("resource"));
        ResourceRef who = ResourceRef.parse(principal);
        ResourceSync sync = session.resourceSync();
        long before = session.context().requests().requests();
        List<String> read = new ArrayList<>();
        Optional<Boolean> held = grantsOf(sync, owner, entitlementId, who, read);
        if (held.isEmpty() && sync.resourceTypes().stream().map(ResourceType::id).anyMatch(who.type()::equals)) {
            held = grantsOf(sync, who, entitlementId, who, read);
        }
        long requests = session.context().requests().requests() - before;
        String message = "read " + String.join(" and ", read) + ": " + dev.plugboard.host.output.Plurals.of(requests,
                "request");
        return new Answer(Optional.of(held.orElse(false)), message, requests);
    }

    /**
     * @return true when the resource lists the grant; false when it lists other grants of the entitlement but not
     *         this one, or the resource is gone; empty when it lists no grant of the entitlement at all
     */
    private Optional<Boolean> grantsOf(ResourceSync sync, ResourceRef ref, String entitlementId, ResourceRef who,
                                       List<String> read) {
        Optional<Resource> fresh = find(sync, ref);
        if (fresh.isEmpty()) {
            read.add(ref.type() + ":" + ref.id() + " (gone)");
            return Optional.of(false);
        }
        read.add(ref.type() + ":" + ref.id());
        boolean any = false;
        Optional<String> token = Optional.empty();
        do {
            Page<Grant> page = session.await(sync.grants(fresh.get(), token), "grants()");
            for (Grant g : page.items()) {
                if (g.entitlementId().equals(entitlementId)) {
                    if (g.principal().equals(who)) {
                        return Optional.of(true);
                    }
                    any = true;
                }
            }
            token = page.nextToken();
        } while (token.isPresent());
        return any ? Optional.of(false) : Optional.empty();
    }

    /** Lists the resource's type (under its stored parent) until the resource shows, so its profile is current. */
    private Optional<Resource> find(ResourceSync sync, ResourceRef ref) {
        Optional<ResourceRef> parent = leases.latest(connection, "resource", ref.type() + ":" + ref.id())
                .map(AccessProbe::read).map(n -> n.path("parent")).filter(p -> p.isObject()).map(AccessProbe::ref);
        Optional<String> token = Optional.empty();
        do {
            Page<Resource> page = session.await(sync.resources(ref.type(), parent, token), "resources()");
            for (Resource r : page.items()) {
                if (r.ref().equals(ref)) {
                    return Optional.of(r);
                }
            }
            token = page.nextToken();
        } while (token.isPresent());
        return Optional.empty();
    }

    private static JsonNode read(String json) {
        try {
            return Json.read(json);
        } catch (JsonProcessingException e) {
            throw new HostException(ExitCode.INTERNAL, "a stored record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ResourceRef ref(JsonNode node) {
        return new ResourceRef(node.path("type").asText(), node.path("id").asText());
    }
}
