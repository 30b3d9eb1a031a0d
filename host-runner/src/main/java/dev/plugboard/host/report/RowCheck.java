package dev.plugboard.host.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.plugboard.host.json.Json;
import dev.plugboard.spi.Column;
import dev.plugboard.spi.ColumnType;
import dev.plugboard.spi.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a report row has exactly its report's declared columns, each value of its column's type or null, and
 * JSON columns holding JSON text. The {@link ReportRunner} applies it to every row it writes; the conformance
 * suite applies the same check to the rows of a plugin's reports. Each finds every problem of a row; the runner
 * reports the first, the suite all.
 */
public final class RowCheck {
    private RowCheck() {
    }

    /** One way a row breaks its report's columns. */
    public sealed interface Problem permits MissingColumns, UndeclaredColumns, WrongType, NotJson {
    }

    /** @param names declared columns the row lacks, in column order */
    public record MissingColumns(List<String> names) implements Problem {
        /** Copies the names. */
        public MissingColumns {
            names = List.copyOf(names);
        }
    }

    /** @param names the row's columns that are not declared, in the row's order */
    public record UndeclaredColumns(List<String> names) implements Problem {
        /** Copies the names. */
        public UndeclaredColumns {
            names = List.copyOf(names);
        }
    }

    /**
     * @param column the column
     * @param value  the value it holds, which its type does not accept
     */
    public record WrongType(Column column, Object value) implements Problem {
        /** Checks every component. */
        public WrongType {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(value, "value");
        }
    }

    /** @param column a {@link ColumnType#JSON} column holding text that is not JSON */
    public record NotJson(Column column) implements Problem {
        /** Checks the column. */
        public NotJson {
            Objects.requireNonNull(column, "column");
        }
    }

    /**
     * @param columns the report's declared columns
     * @param row     a row
     * @return every problem: missing and undeclared columns first, then each column's value in column order;
     *         empty when the row is right
     */
    public static List<Problem> problems(List<Column> columns, Row row) {
        Map<String, Object> values = row.values();
        List<Problem> problems = new ArrayList<>();
        List<String> missing = columns.stream().map(Column::name).filter(n -> !values.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            problems.add(new MissingColumns(missing));
        }
        Set<String> undeclared = new LinkedHashSet<>(values.keySet());
        columns.forEach(c -> undeclared.remove(c.name()));
        if (!undeclared.isEmpty()) {
            problems.add(new UndeclaredColumns(List.copyOf(undeclared)));
        }
        for (Column column : columns) {
            Object value = values.get(column.name());
            if (value == null) {
                continue;
            }
            if (!column.type().accepts(value)) {
                problems.add(new WrongType(column, value));
            } else if (column.type() == ColumnType.JSON && !isJson((String) value)) {
                problems.add(new NotJson(column));
            }
        }
        return problems;
    }

    private static boolean isJson(String text) {
        try {
            Json.read(text);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
