package com.example.hello;

import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data this template lists: users and groups from its configuration. A real connector replaces this with a
 * client of its system's API, and keeps the rest.
 *
 * @param users    the people, in configuration order
 * @param pageSize records per page of a listing
 */
record Directory(List<User> users, int pageSize) {

    /**
     * @param id     a stable, unique id
     * @param name   the person's name
     * @param groups ids of the groups the person is in
     */
    record User(String id, String name, Set<String> groups) {
        User {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            groups = Set.copyOf(groups);
        }
    }

    Directory {
        users = List.copyOf(users);
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
    }

    /** @return every group id any user is in, sorted */
    List<String> groups() {
        Set<String> all = new TreeSet<>();
        users.forEach(u -> all.addAll(u.groups()));
        return List.copyOf(all);
    }

    /** @return the users in the group, in configuration order */
    List<User> members(String group) {
        return users.stream().filter(u -> u.groups().contains(group)).toList();
    }

    /**
     * @param config the host's config, already valid against config-schema.json
     * @return the bound config
     * @throws ConnectorException of kind CONFIG for a config the schema cannot rule out (two users with one id)
     */
    static Directory from(ConnectorConfig config) {
        List<User> users = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Object item : (List<?>) config.value("users").orElse(List.of())) {
            Map<?, ?> user = (Map<?, ?>) item;
            String id = String.valueOf(user.get("id"));
            if (!ids.add(id)) {
                throw new ConnectorException(ErrorKind.CONFIG, "users: the id '" + id + "' is used twice; give each"
                        + " user its own id");
            }
            Set<String> groups = new LinkedHashSet<>();
            Object listed = user.get("groups");
            if (listed instanceof List<?> list) {
                list.forEach(g -> groups.add(String.valueOf(g)));
            }
            users.add(new User(id, String.valueOf(user.get("name")), groups));
        }
        long pageSize = config.integer("pageSize").orElse(100L);
        return new Directory(users, (int) pageSize);
    }
}
