package dev.plugboard.spi;

import java.util.regex.Pattern;

/**
 * One column of a report.
 *
 * @param name        the column name, used as the CSV header and JSON key: letters, digits and underscores,
 *                    starting with a letter (e.g. {@code dateCreated})
 * @param type        its type
 * @param description one line on what it holds
 */
public record Column(String name, ColumnType type, String description) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,127}");

    /** Checks every component. */
    public Column {
        Checks.text(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("column name '" + name
                    + "' must be letters, digits and '_', starting with a letter");
        }
        Checks.present(type, "type");
        Checks.present(description, "description");
    }

    /** @return a column with no description */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, "");
    }
}
