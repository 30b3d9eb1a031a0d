package dev.plugboard.host.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * The host's one Jackson {@link ObjectMapper} (configured here once, never changed afterwards, so it is safe to share
 * between threads) and the JSON operations the host needs: parse, generate, convert, print, and build JSON pointers.
 * Other formats read through the same mapper ({@link #read(JsonParser)} takes a YAML parser too); CSV has its own
 * mapper in {@code TableWriter} because Jackson writes CSV only through a {@code CsvMapper}.
 */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * @param text JSON text
     * @return its tree; a missing node for empty text
     * @throws JsonProcessingException when the text is not JSON
     */
    public static JsonNode read(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    /**
     * @param parser a parser of any Jackson format (JSON, YAML), positioned before or at a value
     * @return the next value's tree, or null at the end of the input
     * @throws IOException when the input cannot be read or parsed
     */
    public static JsonNode read(JsonParser parser) throws IOException {
        return MAPPER.readTree(parser);
    }

    /**
     * @param file a JSON file
     * @return its tree
     * @throws IOException when it cannot be read or parsed
     */
    public static JsonNode read(Path file) throws IOException {
        return MAPPER.readTree(file.toFile());
    }

    /**
     * @param in JSON text, possibly several values (JSON Lines)
     * @return a parser over it; close it when done
     * @throws IOException when the input cannot be read
     */
    public static JsonParser parser(InputStream in) throws IOException {
        return MAPPER.getFactory().createParser(in);
    }

    /**
     * @param out where to write
     * @return a generator able to write trees too; close it to flush (it closes {@code out} unless told not to)
     * @throws IOException when that fails
     */
    public static JsonGenerator generator(Writer out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /**
     * @param out where to write, as UTF-8
     * @return a generator able to write trees too; close it to flush (it closes {@code out} unless told not to)
     * @throws IOException when that fails
     */
    public static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /**
     * @return a reader of trees that refuses an object holding a key twice (for files people write, where a later
     *         value would silently override the first); it reads any format's parser too
     */
    public static ObjectReader strictTreeReader() {
        return MAPPER.reader().with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** @return a new, empty object node */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * @param value a tree or JSON-shaped JDK value
     * @param type  what to convert it to
     * @param <T>   that type
     * @return the converted value
     * @throws IllegalArgumentException when it cannot be converted
     */
    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    /**
     * @param value a tree or JSON-shaped JDK value
     * @return compact JSON text
     */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The one way the host prints a JSON document for people and scripts: indented, two spaces.
     *
     * @param value a tree or JSON-shaped JDK value
     * @return its indented JSON text, without a trailing newline
     */
    public static String pretty(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param parent   a JSON pointer ({@code ""} for the document)
     * @param property a property name, any characters
     * @return the pointer to that property of the value at {@code parent}, {@code ~} and {@code /} escaped (RFC 6901)
     */
    public static String pointer(String parent, String property) {
        return JsonPointer.compile(parent).appendProperty(property).toString();
    }
}
