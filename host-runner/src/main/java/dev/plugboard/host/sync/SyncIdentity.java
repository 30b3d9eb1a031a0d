package dev.plugboard.host.sync;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.json.JsonValueWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a checkpoint must match to be resumed: the plugin, the resource types walked and the configuration. The
 * configuration is only ever stored as a salted SHA-256 digest of its canonical JSON, never as values.
 *
 * @param pluginId     the plugin id
 * @param types        the resource types walked, in the plugin's order
 * @param configValues the resolved configuration (held in memory only; never printed by {@link #toString()})
 */
public record SyncIdentity(String pluginId, List<String> types, Map<String, Object> configValues) {

    /** Checks and copies. */
    public SyncIdentity {
        Objects.requireNonNull(pluginId, "pluginId");
        types = List.copyOf(types);
        Objects.requireNonNull(configValues, "configValues");
    }

    /**
     * @param salt hex text stored beside the digest
     * @return the hex SHA-256 of the salt and the configuration's canonical JSON (keys sorted)
     */
    public String configDigest(String salt) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (JsonGenerator gen = Json.generator(bytes)) {
                JsonValueWriter.write(gen, sorted(configValues));
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> copy = new TreeMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), sorted(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SyncIdentity::sorted).toList();
        }
        return value;
    }

    /** Never shows configuration values. */
    @Override
    public String toString() {
        return "SyncIdentity[pluginId=" + pluginId + ", types=" + types + "]";
    }
}
