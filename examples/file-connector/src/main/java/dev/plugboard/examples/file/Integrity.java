package dev.plugboard.examples.file;

import dev.plugboard.examples.file.Directory.Group;
import dev.plugboard.examples.file.Directory.Membership;
import dev.plugboard.examples.file.Directory.Role;
import dev.plugboard.examples.file.Directory.RoleAssignment;
import dev.plugboard.examples.file.Directory.User;
import dev.plugboard.spi.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Referential integrity of an export: ids unique, every membership and assignment naming a user, group and role
 * that exist. {@link #clean()} is the export with the offending records left out, which is what a sync lists.
 */
final class Integrity {
    private final List<Finding> problems = new ArrayList<>();
    private final Directory clean;

    Integrity(Directory d) {
        Map<String, User> users = unique(d.users(), User::id, User::source, "user");
        Map<String, Group> groups = unique(d.groups(), Group::id, Group::source, "group");
        Map<String, Role> roles = unique(d.roles(), Role::id, Role::source, "role");
        List<Membership> memberships = new ArrayList<>();
        Set<String> seenMemberships = new HashSet<>();
        for (Membership m : d.memberships()) {
            if (!groups.containsKey(m.group())) {
                problems.add(Finding.error("integrity.unknown-group", m.source() + ": membership of user '"
                        + m.user() + "' names the unknown group '" + m.group() + "'"));
            } else if (!users.containsKey(m.user())) {
                problems.add(Finding.error("integrity.unknown-user", m.source() + ": group '" + m.group()
                        + "' has the unknown user '" + m.user() + "' as a member"));
            } else if (seenMemberships.add(m.group() + "\n" + m.user())) {
                memberships.add(m);
            } else {
                problems.add(Finding.warning("integrity.duplicate-membership", m.source() + ": user '" + m.user()
                        + "' is listed twice as a member of group '" + m.group() + "'"));
            }
        }
        List<RoleAssignment> assignments = new ArrayList<>();
        Set<String> seenAssignments = new HashSet<>();
        for (RoleAssignment a : d.assignments()) {
            boolean principalKnown = a.principal().type().equals(FileResourceSync.USER)
                    ? users.containsKey(a.principal().id()) : groups.containsKey(a.principal().id());
            if (!roles.containsKey(a.role())) {
                problems.add(Finding.error("integrity.unknown-role", a.source() + ": assignment to "
                        + a.principal() + " names the unknown role '" + a.role() + "'"));
            } else if (!principalKnown) {
                problems.add(Finding.error("integrity.unknown-" + a.principal().type(), a.source() + ": role '"
                        + a.role() + "' is assigned to the unknown " + a.principal().type() + " '"
                        + a.principal().id() + "'"));
            } else if (seenAssignments.add(a.role() + "\n" + a.principal())) {
                assignments.add(a);
            } else {
                problems.add(Finding.warning("integrity.duplicate-assignment", a.source() + ": role '" + a.role()
                        + "' is assigned to " + a.principal() + " twice"));
            }
        }
        this.clean = new Directory(List.copyOf(users.values()), List.copyOf(groups.values()),
                List.copyOf(roles.values()), memberships, assignments);
    }

    private <T> Map<String, T> unique(List<T> items, java.util.function.Function<T, String> id,
                                      java.util.function.Function<T, Directory.Source> source, String what) {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T item : items) {
            T first = byId.putIfAbsent(id.apply(item), item);
            if (first != null) {
                problems.add(Finding.error("integrity.duplicate-" + what, source.apply(item) + ": " + what + " id '"
                        + id.apply(item) + "' is already used at " + source.apply(first)
                        + "; ids must be unique (the later one is ignored)"));
            }
        }
        return byId;
    }

    /** @return errors and warnings, in file order within each kind */
    List<Finding> problems() {
        return List.copyOf(problems);
    }

    /** @return the export without the records the problems name */
    Directory clean() {
        return clean;
    }
}
