package dev.plugboard.host.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes rows of a table, one at a time, as CSV or JSON Lines. Cell values are {@code String}, {@code Number},
 * {@code Boolean}, {@link Instant} or {@code null} (an empty cell). Not thread-safe.
 */
public interface TableWriter extends AutoCloseable {

    /**
     * @param values one value per column, in column order
     * @throws IOException when writing fails
     */
    void row(List<?> values) throws IOException;

    /** Flushes what is buffered (does not close the underlying stream). */
    @Override
    void close() throws IOException;

    /** The formats a table can be written in. */
    enum Format {
        /** RFC 4180 CSV with a header row, CRLF line ends, UTF-8. */
        CSV,
        /** One JSON object a line, keys in column order. */
        JSONL;

        /**
         * @param text {@code csv} or {@code jsonl}, any case
         * @return the format
         * @throws IllegalArgumentException naming the formats when the text is neither
         */
        public static Format parse(String text) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(text)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + text + "': use csv or jsonl");
        }
    }

    /**
     * @param format      the format
     * @param out         where to write (not closed)
     * @param columns     the column names
     * @param jsonColumns names of columns whose values are JSON text: embedded as JSON in JSON Lines, written as
     *                    text in CSV
     * @return a writer; CSV writes the header row at once
     * @throws IOException when writing the header fails
     */
    static TableWriter open(Format format, OutputStream out, List<String> columns, Set<String> jsonColumns)
            throws IOException {
        return open(format, new OutputStreamWriter(out, StandardCharsets.UTF_8), columns, jsonColumns);
    }

    /**
     * @param format      the format
     * @param out         where to write (flushed, not closed)
     * @param columns     the column names
     * @param jsonColumns names of columns whose values are JSON text
     * @return a writer; CSV writes the header row at once
     * @throws IOException when writing the header fails
     */
    static TableWriter open(Format format, Writer out, List<String> columns, Set<String> jsonColumns)
            throws IOException {
        return format == Format.CSV ? csv(out, columns) : jsonLines(out, columns, jsonColumns);
    }

    /**
     * @param out     where to write (not closed)
     * @param columns the column names, written as the header row
     * @return a CSV writer: RFC 4180 quoting (Jackson's conservative rule: any cell holding a character at or below
     *         {@code ','}, such as a space, is quoted), CRLF line ends; timestamps ISO-8601 UTC, booleans
     *         {@code true}/{@code false}, null as an empty cell
     * @throws IOException when writing the header fails
     */
    static TableWriter csv(Writer out, List<String> columns) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        SequenceWriter writer = mapper.writerFor(List.class).with(schema.build())
                .writeValues(out);
        int width = columns.size();
        return new TableWriter() {
            @Override
            public void row(List<?> values) throws IOException {
                if (values.size() != width) {
                    throw new IllegalArgumentException("expected " + width + " values, got " + values.size());
                }
                List<String> cells = new ArrayList<>(width);
                for (Object v : values) {
                    cells.add(cellText(v));
                }
                writer.write(cells);
            }

            @Override
            public void close() throws IOException {
                writer.flush();
                writer.close();
            }
        };
    }

    /**
     * @param out         where to write (not closed)
     * @param columns     the keys, in order
     * @param jsonColumns columns whose text values are JSON, embedded as JSON values
     * @return a JSON Lines writer; timestamps as ISO-8601 UTC strings, null as JSON null
     */
    static TableWriter jsonLines(Writer out, List<String> columns, Set<String> jsonColumns) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonGenerator gen = mapper.getFactory().createGenerator(out);
        gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        gen.setRootValueSeparator(null);
        List<String> names = List.copyOf(columns);
        boolean[] json = new boolean[names.size()];
        for (int i = 0; i < names.size(); i++) {
            json[i] = jsonColumns.contains(names.get(i));
        }
        return new TableWriter() {
            @Override
            public void row(List<?> values) throws IOException {
                if (values.size() != names.size()) {
                    throw new IllegalArgumentException("expected " + names.size() + " values, got " + values.size());
                }
                gen.writeStartObject();
                for (int i = 0; i < json.length; i++) {
                    gen.writeFieldName(names.get(i));
                    Object v = values.get(i);
                    if (json[i] && v instanceof String text) {
                        JsonNode node = mapper.readTree(text);
                        mapper.writeTree(gen, node);
                    } else {
                        JsonValueWriter.write(gen, v);
                    }
                }
                gen.writeEndObject();
                gen.writeRaw('\n');
            }

            @Override
            public void close() throws IOException {
                gen.flush();
                gen.close();
            }
        };
    }

    /**
     * @param value a cell value
     * @return its CSV text
     */
    static String cellText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (value instanceof Instant || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("not a table cell value: " + value.getClass().getName());
    }
}
