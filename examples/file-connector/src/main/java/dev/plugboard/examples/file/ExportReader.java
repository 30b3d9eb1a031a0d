package dev.plugboard.examples.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.plugboard.examples.file.Directory.Group;
import dev.plugboard.examples.file.Directory.Membership;
import dev.plugboard.examples.file.Directory.Role;
import dev.plugboard.examples.file.Directory.RoleAssignment;
import dev.plugboard.examples.file.Directory.Source;
import dev.plugboard.examples.file.Directory.User;
import dev.plugboard.spi.ResourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an export: one JSON file, or a folder of CSV files. Only the shape is checked here (required fields,
 * principals written {@code user:ID} or {@code group:ID}); referential integrity is {@link Integrity}'s.
 *
 * <p>JSON: {@code {"users": [{"id", "email", "name", "status", "department"?}], "groups": [{"id", "name",
 * "description"?, "members": ["userId", ...]}], "roles": [{"id", "name", "description"?}], "roleAssignments":
 * [{"role", "principal": "user:ID" | "group:ID"}]}}.
 *
 * <p>CSV folder: {@code users.csv} (id,email,name,status,department), {@code groups.csv} (id,name,description),
 * {@code roles.csv} (id,name,description), {@code memberships.csv} (group,user), {@code role_assignments.csv}
 * (role,principal). Each has a header line; only users.csv is required. One record per line.
 */
final class ExportReader {
    static final String USERS_CSV = "users.csv";
    static final String GROUPS_CSV = "groups.csv";
    static final String ROLES_CSV = "roles.csv";
    static final String MEMBERSHIPS_CSV = "memberships.csv";
    static final String ASSIGNMENTS_CSV = "role_assignments.csv";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();

    private ExportReader() {
    }

    /**
     * @param path   the file or folder
     * @param format json or csv
     * @return what it holds
     * @throws ExportFormatException naming the file and line of the first problem
     */
    static Directory read(Path path, FileConfig.Format format) throws ExportFormatException {
        if (!Files.exists(path)) {
            throw new ExportFormatException(path + " does not exist: set 'path' to a JSON file or a folder of CSV"
                    + " files");
        }
        return switch (format) {
            case JSON -> {
                if (!Files.isRegularFile(path)) {
                    throw new ExportFormatException(path + " is a folder, but format is json: point 'path' at a"
                            + " JSON file, or set format to csv for a folder of CSV files");
                }
                yield readJson(path);
            }
            case CSV -> {
                if (!Files.isDirectory(path)) {
                    throw new ExportFormatException(path + " is a file, but format csv reads a folder holding "
                            + USERS_CSV + " (and optionally " + GROUPS_CSV + ", " + ROLES_CSV + ", "
                            + MEMBERSHIPS_CSV + ", " + ASSIGNMENTS_CSV + ")");
                }
                yield readCsv(path);
            }
        };
    }

    // ---- JSON ----

    private static Directory readJson(Path file) throws ExportFormatException {
        String name = file.getFileName().toString();
        List<User> users = new ArrayList<>();
        List<Group> groups = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        List<Membership> memberships = new ArrayList<>();
        List<RoleAssignment> assignments = new ArrayList<>();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ExportFormatException(name + " line " + line(p) + ": the file must hold one JSON object"
                        + " with the lists users, groups, roles and roleAssignments");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String list = p.currentName();
                JsonToken start = p.nextToken();
                if (!Set.of("users", "groups", "roles", "roleAssignments").contains(list)) {
                    throw new ExportFormatException(name + " line " + line(p) + ": unknown list '" + list
                            + "'; expected users, groups, roles or roleAssignments");
                }
                if (start != JsonToken.START_ARRAY) {
                    throw new ExportFormatException(name + " line " + line(p) + ": '" + list + "' must be a list");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Source at = new Source(name, line(p));
                    JsonNode item = JSON.readTree(p);
                    if (!item.isObject()) {
                        throw new ExportFormatException(at + ": each entry of '" + list + "' must be an object");
                    }
                    switch (list) {
                        case "users" -> users.add(user(field(item::path), at));
                        case "groups" -> {
                            groups.add(group(field(item::path), at));
                            for (JsonNode member : item.path("members")) {
                                if (!member.isTextual() || member.asText().isBlank()) {
                                    throw new ExportFormatException(at + ": group members must be user ids (strings)");
                                }
                                memberships.add(new Membership(item.path("id").asText(), member.asText(), at));
                            }
                        }
                        case "roles" -> roles.add(role(field(item::path), at));
                        default -> assignments.add(assignment(field(item::path), at));
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new ExportFormatException(name + " line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ExportFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new Directory(users, groups, roles, memberships, assignments);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static Fields field(java.util.function.Function<String, JsonNode> item) {
        return name -> {
            JsonNode v = item.apply(name);
            return v.isMissingNode() || v.isNull() ? Optional.empty() : Optional.of(v.asText());
        };
    }

    // ---- CSV ----

    private static Directory readCsv(Path folder) throws ExportFormatException {
        Path usersFile = folder.resolve(USERS_CSV);
        if (!Files.isRegularFile(usersFile)) {
            throw new ExportFormatException(folder + " has no " + USERS_CSV + ": a CSV export needs at least "
                    + USERS_CSV + " (id,email,name,status,department)");
        }
        List<User> users = new ArrayList<>();
        for (Row r : rows(usersFile)) {
            users.add(user(r.fields(), r.source()));
        }
        List<Group> groups = new ArrayList<>();
        for (Row r : rows(folder.resolve(GROUPS_CSV))) {
            groups.add(group(r.fields(), r.source()));
        }
        List<Role> roles = new ArrayList<>();
        for (Row r : rows(folder.resolve(ROLES_CSV))) {
            roles.add(role(r.fields(), r.source()));
        }
        List<Membership> memberships = new ArrayList<>();
        for (Row r : rows(folder.resolve(MEMBERSHIPS_CSV))) {
            memberships.add(new Membership(required(r.fields(), "group", r.source()),
                    required(r.fields(), "user", r.source()), r.source()));
        }
        List<RoleAssignment> assignments = new ArrayList<>();
        for (Row r : rows(folder.resolve(ASSIGNMENTS_CSV))) {
            assignments.add(assignment(r.fields(), r.source()));
        }
        return new Directory(users, groups, roles, memberships, assignments);
    }

    private record Row(Fields fields, Source source) {
    }

    /** @return the rows of a CSV file with a header line; none when the file does not exist */
    private static List<Row> rows(Path file) throws ExportFormatException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String name = file.getFileName().toString();
        List<Row> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            int line = 1;
            while (it.hasNextValue()) {
                Map<String, String> values = it.nextValue();
                line++;
                rows.add(new Row(key -> Optional.ofNullable(values.get(key)).map(String::trim)
                        .filter(v -> !v.isEmpty()), new Source(name, line)));
            }
        } catch (JsonProcessingException e) {
            throw new ExportFormatException(name + " line " + e.getLocation().getLineNr() + ": not valid CSV: "
                    + e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new ExportFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }

    // ---- records ----

    /** Looks up a field of one record. */
    @FunctionalInterface
    private interface Fields {
        Optional<String> get(String name);
    }

    private static String required(Fields f, String name, Source at) throws ExportFormatException {
        Optional<String> v = f.get(name).filter(s -> !s.isBlank());
        if (v.isEmpty()) {
            throw new ExportFormatException(at + ": '" + name + "' is missing");
        }
        return v.get();
    }

    private static User user(Fields f, Source at) throws ExportFormatException {
        return new User(required(f, "id", at), required(f, "email", at), required(f, "name", at),
                f.get("status").filter(s -> !s.isBlank()).orElse("active"),
                f.get("department").filter(s -> !s.isBlank()), at);
    }

    private static Group group(Fields f, Source at) throws ExportFormatException {
        return new Group(required(f, "id", at), required(f, "name", at), f.get("description").orElse(""), at);
    }

    private static Role role(Fields f, Source at) throws ExportFormatException {
        return new Role(required(f, "id", at), required(f, "name", at), f.get("description").orElse(""), at);
    }

    private static RoleAssignment assignment(Fields f, Source at) throws ExportFormatException {
        String role = required(f, "role", at);
        String principal = required(f, "principal", at);
        ResourceRef ref;
        try {
            ref = ResourceRef.parse(principal);
        } catch (IllegalArgumentException e) {
            throw new ExportFormatException(at + ": principal '" + principal + "' must be user:ID or group:ID");
        }
        if (!ref.type().equals(FileResourceSync.USER) && !ref.type().equals(FileResourceSync.GROUP)) {
            throw new ExportFormatException(at + ": principal '" + principal + "' must be user:ID or group:ID");
        }
        return new RoleAssignment(role, ref, at);
    }
}
