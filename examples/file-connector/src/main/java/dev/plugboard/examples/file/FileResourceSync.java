package dev.plugboard.examples.file;

import dev.plugboard.examples.file.Directory.Group;
import dev.plugboard.examples.file.Directory.Role;
import dev.plugboard.examples.file.Directory.User;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.Entitlement;
import dev.plugboard.spi.ErrorKind;
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
 * Users, groups and roles; a group offers {@code member}, a role {@code assigned}. Group membership grants are
 * listed from the group; role grants from the role, a group's role grant expandable from the group's membership.
 */
final class FileResourceSync implements ResourceSync {
    static final String USER = "user";
    static final String GROUP = "group";
    static final String ROLE = "role";
    static final String MEMBER = "member";
    static final String ASSIGNED = "assigned";

    private static final List<ResourceType> TYPES = List.of(
            new ResourceType(USER, "User", Set.of(Trait.USER), "A person in the export."),
            new ResourceType(GROUP, "Group", Set.of(Trait.GROUP), "A group of people; its members hold its roles."),
            new ResourceType(ROLE, "Role", Set.of(Trait.ROLE), "A role held by users directly or through a group."));

    private final Supplier<Snapshot> snapshot;
    private final int pageSize;

    FileResourceSync(Supplier<Snapshot> snapshot, int pageSize) {
        this.snapshot = snapshot;
        this.pageSize = pageSize;
    }

    @Override
    public List<ResourceType> resourceTypes() {
        return TYPES;
    }

    @Override
    public CompletionStage<Page<Resource>> resources(String type, Optional<ResourceRef> parent,
                                                     Optional<String> pageToken) {
        return call(() -> {
            if (parent.isPresent()) {
                return Page.<Resource>empty();
            }
            Snapshot s = snapshot.get();
            List<Resource> all = switch (type) {
                case USER -> s.resources().users();
                case GROUP -> s.resources().groups();
                case ROLE -> s.resources().roles();
                default -> throw new ConnectorException(ErrorKind.INVALID_REQUEST, "unknown resource type '" + type
                        + "'; this connector syncs " + List.of(USER, GROUP, ROLE));
            };
            return Paging.page(all, pageToken, pageSize);
        });
    }

    @Override
    public CompletionStage<Page<Entitlement>> entitlements(Resource resource, Optional<String> pageToken) {
        return call(() -> switch (resource.type()) {
            case GROUP -> Paging.page(List.of(new Entitlement(Entitlement.idOf(resource.ref(), MEMBER),
                    resource.ref(), MEMBER, resource.displayName() + " member", Entitlement.Purpose.ASSIGNMENT,
                    Set.of(USER))), pageToken, pageSize);
            case ROLE -> Paging.page(List.of(new Entitlement(Entitlement.idOf(resource.ref(), ASSIGNED),
                    resource.ref(), ASSIGNED, resource.displayName() + " assigned", Entitlement.Purpose.ASSIGNMENT,
                    Set.of(USER, GROUP))), pageToken, pageSize);
            default -> Page.<Entitlement>empty();
        });
    }

    @Override
    public CompletionStage<Page<Grant>> grants(Resource resource, Optional<String> pageToken) {
        return call(() -> {
            List<Grant> all = switch (resource.type()) {
                case GROUP, ROLE -> snapshot.get().grants().getOrDefault(resource.ref(), List.of());
                default -> List.of();
            };
            return Paging.page(all, pageToken, pageSize);
        });
    }

    private static <T> CompletionStage<T> call(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (ConnectorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * The export as listings: resources by type and grants by the resource they are listed from.
     *
     * @param resources the resources
     * @param grants    grants by group or role
     */
    record Snapshot(Resources resources, Map<ResourceRef, List<Grant>> grants) {
        static Snapshot of(Directory d) {
            Resources resources = new Resources(
                    d.users().stream().map(FileResourceSync::resource).toList(),
                    d.groups().stream().map(FileResourceSync::resource).toList(),
                    d.roles().stream().map(FileResourceSync::resource).toList());
            Map<ResourceRef, List<Grant>> grants = new java.util.LinkedHashMap<>();
            for (Directory.Membership m : d.memberships()) {
                ResourceRef group = new ResourceRef(GROUP, m.group());
                grants.computeIfAbsent(group, k -> new java.util.ArrayList<>())
                        .add(Grant.of(Entitlement.idOf(group, MEMBER), new ResourceRef(USER, m.user())));
            }
            for (Directory.RoleAssignment a : d.assignments()) {
                ResourceRef role = new ResourceRef(ROLE, a.role());
                String entitlement = Entitlement.idOf(role, ASSIGNED);
                Grant grant = a.principal().type().equals(GROUP)
                        ? Grant.expandable(entitlement, a.principal(), List.of(Entitlement.idOf(a.principal(), MEMBER)))
                        : Grant.of(entitlement, a.principal());
                grants.computeIfAbsent(role, k -> new java.util.ArrayList<>()).add(grant);
            }
            grants.replaceAll((k, v) -> List.copyOf(v));
            return new Snapshot(resources, Map.copyOf(grants));
        }
    }

    /** Resources by type, in file order. */
    record Resources(List<Resource> users, List<Resource> groups, List<Resource> roles) {
    }

    private static Resource resource(User u) {
        return Resource.of(u.ref(), u.name(), u.profile());
    }

    private static Resource resource(Group g) {
        return Resource.of(g.ref(), g.name(), Map.of("description", g.description()));
    }

    private static Resource resource(Role r) {
        return Resource.of(r.ref(), r.name(), Map.of("description", r.description()));
    }
}
