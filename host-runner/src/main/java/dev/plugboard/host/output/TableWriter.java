package dev.plugboard.host.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.json.JsonValueWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

    /**
     * Writes what is buffered to the underlying writer, so a checkpoint can count it. The default does nothing (a
     * writer that buffers nothing).
     *
     * @throws IOException when writing fails
     */
    default void flush() throws IOException {
    }

    /**
     * How CSV cells that a spreadsheet would run as a formula are written (OWASP's advice against CSV injection: a
     * cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
     * {@code '}, so {@code =HYPERLINK(...)} from a remote system's data is shown as text, never run).
     */
    enum CsvCells {
        /** Cells a spreadsheet would run as formulas are prefixed with {@code '} (the default). */
        GUARDED,
        /** Every cell exactly as it is, for programs that read the file (never open it in a spreadsheet). */
        RAW;

        /**
         * @param text a cell's text
         * @return the text as written: with a leading {@code '} when GUARDED and it starts with a formula trigger
         */
        public String apply(String text) {
            if (this == RAW || text.isEmpty()) {
                return text;
            }
            return switch (text.charAt(0)) {
                case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
                default -> text;
            };
        }
    }

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

        /** @return the name as typed on the command line ({@code csv}, {@code jsonl}): picocli lists these */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
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
        return open(format, new OutputStreamWriter(out, StandardCharsets.UTF_8), columns, jsonColumns,
                CsvCells.GUARDED);
    }

    /**
     * @param format      the format
     * @param out         where to write (flushed, not closed)
     * @param columns     the column names
     * @param jsonColumns names of columns whose values are JSON text
     * @param cells       how CSV cells that would run as spreadsheet formulas are written (not used for JSON Lines)
     * @return a writer; CSV writes the header row at once
     * @throws IOException when writing the header fails
     */
    static TableWriter open(Format format, Writer out, List<String> columns, Set<String> jsonColumns,
            CsvCells cells) throws IOException {
        return format == Format.CSV ? csv(out, columns, cells) : jsonLines(out, columns, jsonColumns);
    }

    /**
     * A writer that continues a table written before (a resumed run): as {@link #open(Format, Writer, List, Set,
     * CsvCells)}, without a CSV header.
     *
     * @param format      the format
     * @param out         where to write (flushed, not closed)
     * @param columns     the column names
     * @param jsonColumns names of columns whose values are JSON text
     * @param cells       how CSV cells are guarded
     * @return the writer
     * @throws IOException when it cannot be started
     */
    static TableWriter continuing(Format format, Writer out, List<String> columns, Set<String> jsonColumns,
            CsvCells cells) throws IOException {
        return format == Format.CSV ? csv(out, columns, cells, false) : jsonLines(out, columns, jsonColumns);
    }

    /**
     * @param out     where to write (not closed)
     * @param columns the column names, written as the header row
     * @param cells   GUARDED to prefix {@code '} to every cell (header included) a spreadsheet would run as a formula
     * @return a CSV writer: RFC 4180 quoting (Jackson's conservative rule: any cell holding a character at or below
     *         {@code ','}, such as a space, is quoted), CRLF line ends; timestamps ISO-8601 UTC, booleans
     *         {@code true}/{@code false}, null as an empty cell
     * @throws IOException when writing the header fails
     */
    static TableWriter csv(Writer out, List<String> columns, CsvCells cells) throws IOException {
        return csv(out, columns, cells, true);
    }

    private static TableWriter csv(Writer out, List<String> columns, CsvCells cells, boolean header)
            throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(header).setLineSeparator("\r\n");
        columns.forEach(name -> schema.addColumn(cells.apply(name)));
        SequenceWriter writer = mapper.writerFor(List.class).with(schema.build())
                .writeValues(out);
        int width = columns.size();
        return new TableWriter() {
            @Override
            public void row(List<?> values) throws IOException {
                if (values.size() != width) {
                    throw new IllegalArgumentException("expected " + width + " values, got " + values.size());
                }
                List<String> row = new ArrayList<>(width);
                for (Object v : values) {
                    row.add(v instanceof String text ? cells.apply(text) : cellText(v));
                }
                writer.write(row);
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
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
    public static TableWriter jsonLines(Writer out, List<String> columns, Set<String> jsonColumns) throws IOException {
        JsonGenerator gen = Json.generator(out);
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
                        gen.writeTree(Json.read(text));
                    } else {
                        JsonValueWriter.write(gen, v);
                    }
                }
                gen.writeEndObject();
                gen.writeRaw('\n');
            }

            @Override
            public void flush() throws IOException {
                gen.flush();
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
