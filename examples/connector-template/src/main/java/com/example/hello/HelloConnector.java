package com.example.hello;

import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Finding;
import dev.plugboard.spi.Grant;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import dev.plugboard.spi.Trait;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Users and groups, and a {@code member} entitlement per group granted to its users. Every call completes at once
 * from memory; a connector on a network client completes its stages when the responses arrive.
 */
final class HelloConnector implements Connector, ResourceSync {
    static final String USER = "user";
    static final String GROUP = "group";
    static final String MEMBER = "member";

    private static final List<ResourceType> TYPES = List.of(
            new ResourceType(USER, "User", Set.of(Trait.USER), "A person."),
            new ResourceType(GROUP, "Group", Set.of(Trait.GROUP), "A group of people."));

    private final Directory directory;
    private final ConnectorContext context;

    HelloConnector(Directory directory, ConnectorContext context) {
        this.directory = directory;
        this.context = context;
    }

    @Override
    public CompletionStage<CheckResult> check() {
        // problems are findings (a refused token, a missing permission), never exceptions
        String users = directory.users().size() + " users in " + directory.groups().size() + " groups";
        context.logger().info("checked: " + users);
        return CompletableFuture.completedFuture(new CheckResult(List.of(Finding.info("hello.ok", "found " + users))));
    }

    @Override
    public Optional<ResourceSync> resourceSync() {
        return Optional.of(this);
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return TYPES;
    }

    @Override
    public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                     Optional<String> pageToken) {
        return call(() -> switch (type) {
            case USER -> page(directory.users().stream()
                    .map(u -> Resource.of(new ResourceRef(USER, u.id()), u.name(), Map.of("name", u.name())))
                    .toList(), pageToken);
            case GROUP -> page(directory.groups().stream()
                    .map(g -> Resource.of(new ResourceRef(GROUP, g), g, Map.of())).toList(), pageToken);
            default -> throw new ConnectorException(ErrorKind.INVALID_REQUEST, "unknown resource type '" + type
                    + "'; this connector lists " + USER + " and " + GROUP);
        });
    }

    @Override
    public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> pageToken) {
        return call(() -> resource.type().equals(GROUP)
                ? page(List.of(new Entitlement(Entitlement.idOf(resource.ref(), MEMBER), resource.ref(), MEMBER,
                        resource.displayName() + " member", Entitlement.Purpose.ASSIGNMENT, Set.of(USER))), pageToken)
                : Page.<Entitlement>empty());
    }

    @Override
    public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> pageToken) {
        return call(() -> resource.type().equals(GROUP)
                ? page(directory.members(resource.id()).stream()
                        .map(u -> Grant.of(Entitlement.idOf(resource.ref(), MEMBER), new ResourceRef(USER, u.id())))
                        .toList(), pageToken)
                : Page.<Grant>empty());
    }

    @Override
    public void close() {
        // release clients and executors here, and wait for their threads to end
    }

    /** Offset paging: the token is the index of the page's first item. */
    private <T> Page<T> page(List<T> all, Optional<String> token) {
        int from = token.map(t -> offset(t, all.size())).orElse(0);
        int to = Math.min(all.size(), from + directory.pageSize());
        return to < all.size() ? Page.of(all.subList(from, to), Integer.toString(to)) : Page.last(all.subList(from, to));
    }

    private static int offset(String token, int size) {
        try {
            int offset = Integer.parseInt(token);
            if (offset > 0 && offset <= size) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new ConnectorException(ErrorKind.INVALID_REQUEST, "page token '" + token + "' was not handed out by"
                + " this connector for this listing: start the listing again");
    }

    /** A failure becomes a failed stage, as the SPI asks, not an exception thrown at the caller. */
    private static <T> CompletionStage<T> call(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (ConnectorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
