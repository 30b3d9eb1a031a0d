package dev.plugboard.examples.file;

import dev.plugboard.spi.ResourceRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything read from the export, each record with where it was read from so problems can name the line.
 *
 * @param users       people
 * @param groups      groups of people
 * @param roles       roles
 * @param memberships who is in which group
 * @param assignments which user or group holds which role
 */
record Directory(List<User> users, List<Group> groups, List<Role> roles, List<Membership> memberships,
                 List<RoleAssignment> assignments) {

    /** Copies. */
    Directory {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        memberships = List.copyOf(memberships);
        assignments = List.copyOf(assignments);
    }

    /**
     * Where a record came from.
     *
     * @param file the file's name
     * @param line its line (1-based)
     */
    record Source(String file, int line) {
        @Override
        public String toString() {
            return file + " line " + line;
        }
    }

    /** A person. */
    record User(String id, String email, String name, String status, Optional<String> department, Source source) {
        User {
            Objects.requireNonNull(id);
            Objects.requireNonNull(email);
            Objects.requireNonNull(name);
            Objects.requireNonNull(status);
            Objects.requireNonNull(department);
            Objects.requireNonNull(source);
        }

        ResourceRef ref() {
            return new ResourceRef(FileResourceSync.USER, id);
        }

        Map<String, Object> profile() {
            return department.<Map<String, Object>>map(d -> Map.of("email", email, "name", name, "status", status,
                    "department", d)).orElse(Map.of("email", email, "name", name, "status", status));
        }
    }

    /** A group of people. */
    record Group(String id, String name, String description, Source source) {
        ResourceRef ref() {
            return new ResourceRef(FileResourceSync.GROUP, id);
        }
    }

    /** A role. */
    record Role(String id, String name, String description, Source source) {
        ResourceRef ref() {
            return new ResourceRef(FileResourceSync.ROLE, id);
        }
    }

    /** A user in a group. */
    record Membership(String group, String user, Source source) {
    }

    /** A role held by a user or a group ({@code principal} is {@code user:ID} or {@code group:ID}). */
    record RoleAssignment(String role, ResourceRef principal, Source source) {
    }
}
