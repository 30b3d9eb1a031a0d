package dev.plugboard.host.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.json.JsonValueWriter;
import dev.plugboard.spi.Resource;
import dev.plugboard.spi.ResourceRef;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads and writes a {@link Checkpoint} as JSON ({@code OUT.checkpoint.json} beside the output). Writes go to a
 * temporary file created exclusively (never through a planted symbolic link), forced to the disk and renamed over
 * the old one, so a checkpoint is always whole. The document ends with an {@code integrity} field: the SHA-256
 * digest of every byte before it (the frontier, the output position and the digest of the partial output's content
 * up to it, among the rest), so a hand-edited or damaged checkpoint file is refused instead of resuming into a wrong
 * file. Instants in resource profiles are
 * tagged ({@code {"$instant": "..."}}) so a resumed sync hands the plugin the same values.
 */
public final class CheckpointFile {
    /** The format written in {@code format}; other formats are refused. */
    public static final int FORMAT = 2;
    private static final String INTEGRITY = "integrity";
    private static final String INSTANT_TAG = "$instant";

    private final Path path;

    /** @param path the checkpoint file */
    public CheckpointFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    /**
     * @param output a sync's output file
     * @return the checkpoint file beside it, {@code OUTPUT.checkpoint.json}
     */
    public static CheckpointFile besides(Path output) {
        Path abs = output.toAbsolutePath();
        return new CheckpointFile(abs.resolveSibling(abs.getFileName() + ".checkpoint.json"));
    }

    /** @return the file */
    public Path path() {
        return path;
    }

    /** @return whether the file exists */
    public boolean exists() {
        return Files.exists(path);
    }

    /**
     * Deletes the file, if any.
     *
     * @throws IOException when it exists and cannot be deleted
     */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    /**
     * Writes the checkpoint atomically.
     *
     * @param checkpoint what to save
     * @throws IOException when writing fails (the previous checkpoint is then intact)
     */
    public void write(Checkpoint checkpoint) throws IOException {
        byte[] document = bytes(checkpoint);
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(tmp); // left by a run that died while writing; a link there is deleted, not followed
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(document);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The checkpoint as JSON text, the same document the file holds: for hosts that keep checkpoints elsewhere
     * (Kafka Connect keeps it as a source offset).
     *
     * @param checkpoint what to save
     * @return its JSON text
     */
    public static String toJson(Checkpoint checkpoint) {
        try {
            return new String(bytes(checkpoint), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to memory failed", e);
        }
    }

    /** @return the document, its {@code integrity} digest last */
    private static byte[] bytes(Checkpoint checkpoint) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator gen = Json.generator(out)) {
            write(gen, checkpoint);
            gen.flush();
            gen.writeStringField(INTEGRITY, sha256(out.toByteArray(), out.size()));
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * @param json  text written by {@link #toJson}
     * @param where where it was kept, for messages
     * @return the checkpoint
     * @throws ResumeException when the text is not a checkpoint of this format
     */
    public static Checkpoint fromJson(String json, String where) throws ResumeException {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (IOException e) {
            throw new ResumeException("the checkpoint " + where + " is not JSON", e);
        }
        try {
            return parse(root);
        } catch (RuntimeException e) {
            throw new ResumeException("the checkpoint " + where + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static void write(JsonGenerator gen, Checkpoint checkpoint) throws IOException {
        {
            gen.writeStartObject();
            gen.writeNumberField("format", FORMAT);
            gen.writeStringField("pluginId", checkpoint.pluginId());
            gen.writeArrayFieldStart("types");
            for (String t : checkpoint.types()) {
                gen.writeString(t);
            }
            gen.writeEndArray();
            gen.writeStringField("configSalt", checkpoint.configSalt());
            gen.writeStringField("configDigest", checkpoint.configDigest());
            gen.writeNumberField("outputPosition", checkpoint.outputPosition());
            if (checkpoint.outputDigest().isPresent()) {
                gen.writeStringField("outputDigest", checkpoint.outputDigest().get());
            }
            SyncState s = checkpoint.state();
            gen.writeNumberField("elapsedMillis", s.elapsedMillis());
            gen.writeNumberField("calls", s.calls());
            gen.writeNumberField("requests", s.requests());
            gen.writeNumberField("retries", s.retries());
            gen.writeNumberField("pluginRetries", s.pluginRetries());
            gen.writeObjectFieldStart("counts");
            gen.writeNumberField("resourceTypes", s.counts().resourceTypes());
            gen.writeObjectFieldStart("byType");
            for (Map.Entry<String, SyncCounts.TypeCounts> e : s.counts().byType().entrySet()) {
                gen.writeArrayFieldStart(e.getKey());
                gen.writeNumber(e.getValue().resources());
                gen.writeNumber(e.getValue().entitlements());
                gen.writeNumber(e.getValue().grants());
                gen.writeEndArray();
            }
            gen.writeEndObject();
            gen.writeEndObject();
            gen.writeArrayFieldStart("frontier");
            for (SyncState.FrontierEntry entry : s.frontier()) {
                gen.writeStartObject();
                gen.writeArrayFieldStart("key");
                for (int k : entry.key().path()) {
                    gen.writeNumber(k);
                }
                gen.writeEndArray();
                if (entry instanceof SyncState.ResourceEntry r) {
                    gen.writeFieldName("resource");
                    writeResource(gen, r.resource());
                } else if (entry instanceof SyncState.PageEntry p) {
                    writeListing(gen, p.listing());
                    if (p.token().isPresent()) {
                        gen.writeStringField("token", p.token().get());
                    }
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
            // the caller ends the object, after the integrity digest of all this
        }
    }

    /**
     * @return the checkpoint
     * @throws ResumeException when the file is missing, unreadable or not a checkpoint of this format
     */
    public Checkpoint read() throws ResumeException {
        JsonNode root;
        try {
            byte[] bytes = Files.readAllBytes(path);
            root = Json.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            verifyIntegrity(root, bytes);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ResumeException("there is no checkpoint " + path + " to resume from; run without --resume");
        } catch (IOException e) {
            throw new ResumeException("the checkpoint " + path + " cannot be read (" + e.getMessage()
                    + "); run without --resume to start over", e);
        }
        try {
            return parse(root);
        } catch (RuntimeException e) {
            throw new ResumeException("the checkpoint " + path + " is damaged (" + e.getMessage()
                    + "); run without --resume to start over", e);
        }
    }

    private static Checkpoint parse(JsonNode root) {
        {
            if (root == null || root.path("format").asInt(-1) != FORMAT) {
                throw new IllegalArgumentException("unknown format " + (root == null ? "" : root.path("format"))
                        + ", not " + FORMAT + " (written by another version of plugboard?)");
            }
            List<String> types = new ArrayList<>();
            root.path("types").forEach(t -> types.add(t.asText()));
            JsonNode counts = root.path("counts");
            TreeMap<String, SyncCounts.TypeCounts> byType = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = counts.path("byType").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                byType.put(e.getKey(), new SyncCounts.TypeCounts(e.getValue().get(0).asLong(),
                        e.getValue().get(1).asLong(), e.getValue().get(2).asLong()));
            }
            List<SyncState.FrontierEntry> frontier = new ArrayList<>();
            for (JsonNode entry : root.path("frontier")) {
                int[] k = new int[entry.path("key").size()];
                for (int i = 0; i < k.length; i++) {
                    k[i] = entry.path("key").get(i).asInt();
                }
                WalkKey key = WalkKey.of(k);
                if (entry.has("resource")) {
                    frontier.add(new SyncState.ResourceEntry(key, readResource(entry.get("resource"))));
                } else {
                    Optional<String> token = entry.hasNonNull("token") ? Optional.of(entry.get("token").asText())
                            : Optional.empty();
                    frontier.add(new SyncState.PageEntry(key, readListing(entry), token));
                }
            }
            SyncState state = new SyncState(new SyncCounts(counts.path("resourceTypes").asLong(), byType), frontier,
                    root.path("elapsedMillis").asLong(), root.path("calls").asLong(), root.path("requests").asLong(),
                    root.path("retries").asLong(), root.path("pluginRetries").asLong());
            return new Checkpoint(text(root, "pluginId"), types, text(root, "configSalt"), text(root, "configDigest"),
                    root.path("outputPosition").asLong(),
                    root.hasNonNull("outputDigest") ? Optional.of(text(root, "outputDigest")) : Optional.empty(), state);
        }
    }

    /**
     * Checks the {@code integrity} field: the digest of the bytes before it.
     *
     * @throws ResumeException when it is missing or does not match
     */
    private void verifyIntegrity(JsonNode root, byte[] bytes) throws ResumeException {
        String changed = "the checkpoint " + path + " was changed since plugboard wrote it (its integrity digest does"
                + " not match its content); run without --resume to start over";
        if (root == null || !root.path(INTEGRITY).isTextual()) {
            if (root != null && root.path("format").asInt(-1) != FORMAT) {
                return; // another format: refused, saying so, by parse()
            }
            throw new ResumeException(changed);
        }
        byte[] field = ("\"" + INTEGRITY + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = lastIndexOf(bytes, field);
        int end = at - 1;
        while (end >= 0 && Character.isWhitespace(bytes[end])) {
            end--;
        }
        if (at < 0 || end < 0 || bytes[end] != ',' || !sha256(bytes, end).equals(root.get(INTEGRITY).asText())) {
            throw new ResumeException(changed);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = bytes.length - part.length; i >= 0; i--) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String sha256(byte[] bytes, int length) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v.asText();
    }

    private static void writeListing(JsonGenerator gen, Listing listing) throws IOException {
        if (listing instanceof Listing.Resources r) {
            gen.writeStringField("listing", "resources");
            gen.writeStringField("type", r.type());
            if (r.parent().isPresent()) {
                gen.writeFieldName("parent");
                writeRef(gen, r.parent().get());
            }
        } else if (listing instanceof Listing.Entitlements e) {
            gen.writeStringField("listing", "entitlements");
            gen.writeFieldName("of");
            writeResource(gen, e.resource());
        } else if (listing instanceof Listing.Grants g) {
            gen.writeStringField("listing", "grants");
            gen.writeFieldName("of");
            writeResource(gen, g.resource());
        }
    }

    private static Listing readListing(JsonNode entry) {
        String kind = entry.path("listing").asText();
        return switch (kind) {
            case "resources" -> new Listing.Resources(text(entry, "type"),
                    entry.has("parent") ? Optional.of(readRef(entry.get("parent"))) : Optional.empty());
            case "entitlements" -> new Listing.Entitlements(readResource(entry.get("of")));
            case "grants" -> new Listing.Grants(readResource(entry.get("of")));
            default -> throw new IllegalArgumentException("unknown listing '" + kind + "'");
        };
    }

    private static void writeRef(JsonGenerator gen, ResourceRef ref) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("type", ref.type());
        gen.writeStringField("id", ref.id());
        gen.writeEndObject();
    }

    private static ResourceRef readRef(JsonNode node) {
        return new ResourceRef(text(node, "type"), text(node, "id"));
    }

    private static void writeResource(JsonGenerator gen, Resource r) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("ref");
        writeRef(gen, r.ref());
        if (r.parent().isPresent()) {
            gen.writeFieldName("parent");
            writeRef(gen, r.parent().get());
        }
        gen.writeStringField("displayName", r.displayName());
        gen.writeFieldName("profile");
        JsonValueWriter.write(gen, tagInstants(r.profile()));
        gen.writeArrayFieldStart("childTypes");
        for (String c : r.childTypes()) {
            gen.writeString(c);
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static Resource readResource(JsonNode node) {
        if (node == null) {
            throw new IllegalArgumentException("a resource is missing");
        }
        List<String> children = new ArrayList<>();
        node.path("childTypes").forEach(c -> children.add(c.asText()));
        Object profile = untag(node.path("profile"));
        return new Resource(readRef(node.get("ref")),
                node.has("parent") ? Optional.of(readRef(node.get("parent"))) : Optional.empty(),
                node.path("displayName").asText(), (Map<String, Object>) profile, children);
    }

    private static Object tagInstants(Object value) {
        if (value instanceof Instant i) {
            return Map.of(INSTANT_TAG, i.toString());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), tagInstants(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(tagInstants(v)));
            return copy;
        }
        return value;
    }

    private static Object untag(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has(INSTANT_TAG) && node.get(INSTANT_TAG).isTextual()) {
                return Instant.parse(node.get(INSTANT_TAG).asText());
            }
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> map.put(e.getKey(), untag(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(untag(n)));
            return list;
        }
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt() || node.isLong()) {
            return node.longValue();
        }
        return node.numberValue();
    }
}
