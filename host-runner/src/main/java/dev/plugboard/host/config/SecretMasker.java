package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces secret values with {@code ****} in anything the host prints or logs. It knows the secret values of one
 * configuration (every property its schema marks secret, after references are resolved) and masks them wherever
 * they occur, even inside a plugin's error message.
 */
public final class SecretMasker {
    /** What a secret is replaced with. */
    public static final String MASK = "****";
    /** Secrets shorter than this are not searched for inside text (they would mask ordinary words). */
    private static final int MIN_SEARCHED_LENGTH = 4;

    private final List<String> secrets;
    private final Set<String> secretPointers;

    private SecretMasker(Set<String> secrets, Set<String> secretPointers) {
        this.secrets = secrets.stream()
                .filter(s -> s.length() >= MIN_SEARCHED_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.secretPointers = Set.copyOf(secretPointers);
    }

    /** @return a masker that masks nothing */
    public static SecretMasker none() {
        return new SecretMasker(Set.of(), Set.of());
    }

    /**
     * @param config  a resolved configuration
     * @param pointers JSON pointers of its secret properties (from {@link SecretFields})
     * @return a masker for the secret values found at those pointers
     */
    public static SecretMasker of(JsonNode config, Set<String> pointers) {
        Set<String> values = new TreeSet<>();
        for (String pointer : pointers) {
            JsonNode value = config.at(pointer);
            if (value.isValueNode() && !value.isNull()) {
                values.add(value.asText());
            }
        }
        return new SecretMasker(values, pointers);
    }

    /**
     * @param extra more secret values (e.g. the raw text of a referenced secret file)
     * @return a masker that masks these too
     */
    public SecretMasker with(Set<String> extra) {
        Set<String> all = new TreeSet<>(secrets);
        all.addAll(extra);
        return new SecretMasker(all, secretPointers);
    }

    /**
     * @param text any text; may be null
     * @return the text with every secret value replaced by {@link #MASK}
     */
    public String mask(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /**
     * @param config a configuration document
     * @return a copy with each secret property's value replaced by {@link #MASK}
     */
    public JsonNode maskConfig(JsonNode config) {
        JsonNode copy = config.deepCopy();
        for (String pointer : secretPointers) {
            int slash = pointer.lastIndexOf('/');
            JsonNode parent = copy.at(pointer.substring(0, slash));
            String name = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent instanceof ObjectNode object && object.has(name) && !object.get(name).isNull()) {
                object.set(name, TextNode.valueOf(MASK));
            }
        }
        return copy;
    }

    /** @return how many distinct secret values it masks */
    public int size() {
        return secrets.size();
    }

    @Override
    public String toString() {
        return "SecretMasker[" + secrets.size() + " secrets]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretMasker other && secrets.equals(other.secrets)
                && secretPointers.equals(other.secretPointers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secrets, secretPointers);
    }
}
