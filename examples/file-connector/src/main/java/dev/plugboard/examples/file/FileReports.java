package dev.plugboard.examples.file;

import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Page;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** One report, {@code user-access}: every user's effective roles, direct or through a group, for a review. */
final class FileReports implements Reports {
    static final String USER_ACCESS = "user-access";

    private static final ReportDefinition DEFINITION = new ReportDefinition(USER_ACCESS, "User access",
            "One row per user and role the user holds, directly or through a group; a user with no role has one row"
                    + " with empty role columns.",
            """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "additionalProperties": false,
             "properties": {"status": {"type": "string", "description": "Only users with this status, e.g. active."}}}
            """,
            List.of(new Column("userId", ColumnType.STRING, "The user's id"),
                    new Column("email", ColumnType.STRING, "The user's email"),
                    new Column("status", ColumnType.STRING, "The user's status in the export"),
                    new Column("groups", ColumnType.INTEGER, "How many groups the user is in"),
                    new Column("roleId", ColumnType.STRING, "A role the user holds, or empty"),
                    new Column("roleName", ColumnType.STRING, "The role's name"),
                    new Column("via", ColumnType.STRING, "direct, or group:ID when held through a group")));
    /** Every report, the same for any configuration (the provider gives them without a connector). */
    static final List<ReportDefinition> DEFINITIONS = List.of(DEFINITION);

    private final Supplier<Directory> directory;
    private final int pageSize;

    FileReports(Supplier<Directory> directory, int pageSize) {
        this.directory = directory;
        this.pageSize = pageSize;
    }

    @Override
    public List<ReportDefinition> definitions() {
        return DEFINITIONS;
    }

    @Override
    public CompletionStage<Page<Row>> run(String reportId, Map<String, Object> parameters,
                                          Optional<String> pageToken) {
        try {
            if (!USER_ACCESS.equals(reportId)) {
                throw new ConnectorException(ErrorKind.INVALID_REQUEST, "unknown report '" + reportId
                        + "'; this connector offers " + USER_ACCESS);
            }
            Optional<String> status = Optional.ofNullable(parameters.get("status")).map(String::valueOf);
            return CompletableFuture.completedFuture(Paging.page(rows(directory.get(), status), pageToken, pageSize));
        } catch (ConnectorException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static List<Row> rows(Directory d, Optional<String> status) {
        Map<String, String> roleNames = new LinkedHashMap<>();
        d.roles().forEach(r -> roleNames.put(r.id(), r.name()));
        List<Row> rows = new ArrayList<>();
        for (Directory.User u : d.users()) {
            if (status.isPresent() && !status.get().equals(u.status())) {
                continue;
            }
            List<String> groups = d.memberships().stream().filter(m -> m.user().equals(u.id()))
                    .map(Directory.Membership::group).toList();
            List<String[]> held = new ArrayList<>();
            for (Directory.RoleAssignment a : d.assignments()) {
                if (a.principal().type().equals(FileResourceSync.USER) && a.principal().id().equals(u.id())) {
                    held.add(new String[] {a.role(), "direct"});
                } else if (a.principal().type().equals(FileResourceSync.GROUP) && groups.contains(a.principal().id())) {
                    held.add(new String[] {a.role(), "group:" + a.principal().id()});
                }
            }
            if (held.isEmpty()) {
                rows.add(row(u, groups.size(), null, null, null));
            }
            for (String[] h : held) {
                rows.add(row(u, groups.size(), h[0], roleNames.get(h[0]), h[1]));
            }
        }
        return rows;
    }

    private static Row row(Directory.User u, int groups, String roleId, String roleName, String via) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("userId", u.id());
        values.put("email", u.email());
        values.put("status", u.status());
        values.put("groups", groups);
        values.put("roleId", roleId);
        values.put("roleName", roleName);
        values.put("via", via);
        return new Row(values);
    }
}
