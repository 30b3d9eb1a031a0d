package dev.plugboard.spi;

import java.util.Map;

/**
 * One row of a report: a value (or {@code null}) per column name, typed as {@link ColumnType} says.
 *
 * @param values cell values by column name, in column order; unmodifiable
 */
public record Row(Map<String, Object> values) {

    /** Checks and copies. */
    public Row {
        values = JsonValues.copyObject(values, "values");
    }

    /**
     * @param column a column name
     * @return its value, or {@code null} when the cell is empty (the one place the SPI uses null: an empty cell)
     */
    public Object get(String column) {
        return values.get(column);
    }
}
