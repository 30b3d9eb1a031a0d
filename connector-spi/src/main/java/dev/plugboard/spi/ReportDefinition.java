package dev.plugboard.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tabular report a connector can run.
 *
 * @param id               stable identifier: lower case letters, digits and dashes (e.g. {@code project-issues})
 * @param title            a title for people
 * @param description      what a row is and where it comes from
 * @param parametersSchema the parameters' JSON Schema (draft 2020-12) as JSON text; the host validates parameters
 *                         against it before any call
 * @param columns          the columns, in order; every row has exactly these
 * @param incremental      how the report can be fetched incrementally, when it can (since SPI 1.1); empty for a
 *                         report the host always runs in full
 */
public record ReportDefinition(String id, String title, String description, String parametersSchema,
                               List<Column> columns, Optional<Incremental> incremental) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** Checks and copies. */
    public ReportDefinition {
        Checks.text(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("report id '" + id + "' must be lower case letters, digits and dashes");
        }
        Checks.text(title, "title");
        Checks.present(description, "description");
        Checks.text(parametersSchema, "parametersSchema");
        columns = List.copyOf(Checks.noNulls(columns, "columns"));
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("report " + id + " must have at least one column");
        }
        Set<String> names = new HashSet<>();
        for (Column c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("report " + id + " has two columns named " + c.name());
            }
        }
        Checks.present(incremental, "incremental");
        if (incremental.isPresent()) {
            incremental.get().check(id, columns);
        }
    }

    /**
     * A report the host always runs in full (the SPI 1.0 constructor, kept for plugins built against it).
     *
     * @param id               stable identifier
     * @param title            a title for people
     * @param description      what a row is
     * @param parametersSchema the parameters' JSON Schema
     * @param columns          the columns, in order
     */
    public ReportDefinition(String id, String title, String description, String parametersSchema,
                            List<Column> columns) {
        this(id, title, description, parametersSchema, columns, Optional.empty());
    }

    /**
     * @param declaration how the report can be fetched incrementally
     * @return the same report, declared incremental
     * @throws IllegalArgumentException when the declaration names columns the report lacks
     * @since SPI 1.1
     */
    public ReportDefinition withIncremental(Incremental declaration) {
        return new ReportDefinition(id, title, description, parametersSchema, columns, Optional.of(declaration));
    }
}
