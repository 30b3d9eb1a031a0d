package dev.plugboard.host.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.plugboard.host.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a configuration file, or standard input for {@code -}, and resolves references in its string values. A file
 * named {@code .yaml}/{@code .yml} is YAML and one named {@code .json} JSON; any other (and standard input) is JSON
 * when its first character other than blanks is an opening brace, else YAML. References in its string
 * values: {@code ${env:NAME}} is the environment variable NAME, {@code ${file:PATH}} the content of a file (relative
 * paths are relative to the config file; one trailing newline is dropped), and {@code $${} is a literal
 * {@code ${}. A reference may be the whole value or part of it.
 */
public final class ConfigLoader {
    private static final Pattern REFERENCE = Pattern.compile("\\$(\\$?)\\{(env|file):([^}]*)}");
    private static final Pattern QUOTED = Pattern.compile("(['\"])([^'\"]{2,})\\1");
    /** Words parsers quote in their messages that are never the file's own text. */
    private static final java.util.Set<String> PARSER_WORDS = java.util.Set.of("null", "true", "false", "NaN",
            "Infinity", "-Infinity", "+INF", "-INF", "reader");
    /** The largest config file, and the largest file a {@code ${file:...}} reference may name: 1 MiB. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    /** Refuses a key set twice: in a file people write, a later value would silently override the first. */
    private static final ObjectReader STRICT = Json.strictTreeReader();
    private static final YAMLFactory YAML = new YAMLFactory();

    /** The file name that means standard input. */
    public static final String STDIN = "-";

    private final Function<String, Optional<String>> environment;
    private final java.util.function.Supplier<java.io.InputStream> stdin;

    /** A loader that reads the process environment and standard input. */
    public ConfigLoader() {
        this(name -> Optional.ofNullable(System.getenv(name)));
    }

    /** @param environment looks up environment variables (tests pass a map) */
    public ConfigLoader(Function<String, Optional<String>> environment) {
        this(environment, () -> System.in);
    }

    /**
     * @param environment looks up environment variables (tests pass a map)
     * @param stdin       what {@code -} reads
     */
    public ConfigLoader(Function<String, Optional<String>> environment,
                        java.util.function.Supplier<java.io.InputStream> stdin) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /**
     * @param file a JSON or YAML file holding one object
     * @return the object with every reference resolved
     * @throws ConfigException when the file cannot be read or parsed, is not an object, or a reference cannot be
     *                         resolved; the message names the file, the place and what to fix
     */
    public ObjectNode load(Path file) throws ConfigException {
        boolean fromStdin = STDIN.equals(file.toString());
        String label = fromStdin ? "the config on standard input" : "config file " + file;
        String text;
        try {
            Optional<String> read = fromStdin ? readBounded(stdin.get()) : readBounded(file);
            text = read.orElseThrow(() -> new ConfigException(label + " is larger than " + (MAX_FILE_BYTES >> 20)
                    + " MiB: it must hold one object of settings"));
        } catch (NoSuchFileException e) {
            throw new ConfigException(label + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read " + label + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte order mark, as some editors write
        }
        boolean yaml = isYaml(fromStdin ? Optional.empty() : Optional.of(file), text);
        JsonNode root;
        try {
            root = yaml ? readYaml(text) : STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.lookingAt()) {
                // a key is the file's structure, not a value: naming it reveals no secret
                throw new ConfigException(label + " sets '" + duplicate.group(1) + "' twice" + where
                        + ": keep one (a later value would silently override the first)");
            }
            // no cause: the parser's exception quotes the text around the error, which may be a secret
            throw new ConfigException(label + " is not valid " + (yaml ? "YAML" : "JSON") + where
                    + ": " + parserProblem(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(label + " is empty: it must hold one object of settings"
                    + " (see 'plugboard spec <plugin>')");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ConfigException(label + " must hold one object of settings, but holds "
                    + (root.isArray() ? "a list" : "a single value"));
        }
        // references in standard input are relative to the current folder
        Path base = fromStdin ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
        resolve(object, "", base, fromStdin ? Path.of("standard input") : file);
        return object;
    }

    /**
     * The parser's description of a syntax error without any of the file's text: YAML's indented lines (the
     * offending line and a caret) are dropped, and every quoted fragment longer than one character is replaced,
     * since a secret on the broken line is exactly what the parser would quote.
     */
    static String parserProblem(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        // YAML: "while scanning X\n in 'reader', line 2...\n    <the line>\n    ^\nfound Y\n in ...": keep the
        // unindented lines (what went wrong), drop the indented ones (where, and the file's text)
        String problem = message.lines()
                .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                .map(line -> QUOTED.matcher(line).replaceAll(m -> PARSER_WORDS.contains(m.group(2))
                        ? java.util.regex.Matcher.quoteReplacement(m.group()) : m.group(1) + "…" + m.group(1)).strip())
                .collect(java.util.stream.Collectors.joining("; "));
        return problem.isEmpty() ? "syntax error" : problem;
    }

    private static JsonNode readYaml(String text) throws JsonProcessingException {
        try (JsonParser parser = YAML.createParser(text)) {
            return STRICT.readTree(parser);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reading YAML from memory failed", e);
        }
    }

    /** YAML by the file's extension; for another extension or none, by content: JSON starts with a brace. */
    static boolean isYaml(Optional<Path> file, String text) {
        String name = file.map(f -> String.valueOf(f.getFileName()).toLowerCase(java.util.Locale.ROOT)).orElse("");
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return true;
        }
        if (name.endsWith(".json")) {
            return false;
        }
        return !text.stripLeading().startsWith("{");
    }

    private void resolve(JsonNode node, String pointer, Path base, Path file) throws ConfigException {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = Json.pointer(pointer, field.getKey());
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(resolveText(field.getValue().asText(), at, base, file)));
                } else {
                    resolve(field.getValue(), at, base, file);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String at = pointer + "/" + i;
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(resolveText(array.get(i).asText(), at, base, file)));
                } else {
                    resolve(array.get(i), at, base, file);
                }
            }
        }
    }

    private String resolveText(String value, String pointer, Path base, Path file) throws ConfigException {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(value, last, m.start());
            last = m.end();
            if (!m.group(1).isEmpty()) {
                out.append(m.group().substring(1));
                continue;
            }
            String kind = m.group(2);
            String name = m.group(3).trim();
            if (name.isEmpty()) {
                throw new ConfigException(file + ": " + pointer + " has an empty reference ${" + kind
                        + ":}; write ${" + kind + ":" + ("env".equals(kind) ? "NAME" : "PATH") + "}");
            }
            out.append("env".equals(kind) ? env(name, pointer, file) : fileContent(name, pointer, base, file));
        }
        out.append(value, last, value.length());
        return out.toString();
    }

    private String env(String name, String pointer, Path file) throws ConfigException {
        return environment.apply(name).orElseThrow(() -> new ConfigException(file + ": " + pointer
                + " refers to ${env:" + name + "}, but the environment variable " + name + " is not set"));
    }

    private static String fileContent(String name, String pointer, Path base, Path file) throws ConfigException {
        Path target = base.resolve(name);
        try {
            String content = readBounded(target).orElseThrow(() -> new ConfigException(file + ": " + pointer
                    + " refers to ${file:" + name + "}, but " + target + " is larger than " + (MAX_FILE_BYTES >> 20)
                    + " MiB (or never ends): name a file holding only the value"));
            if (content.endsWith("\r\n")) {
                return content.substring(0, content.length() - 2);
            }
            return content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": " + pointer + " refers to ${file:" + name + "}, but " + target
                    + " does not exist");
        } catch (IOException e) {
            throw new ConfigException(file + ": " + pointer + " refers to ${file:" + name + "}, which cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The file's text, reading at most {@link #MAX_FILE_BYTES} (so {@code /dev/zero} or a huge file cannot exhaust the
     * heap); empty when the file is larger.
     */
    private static Optional<String> readBounded(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return readBounded(in);
        }
    }

    private static Optional<String> readBounded(java.io.InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        if (bytes.length > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
}
