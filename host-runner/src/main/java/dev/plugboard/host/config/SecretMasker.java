package dev.plugboard.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
    private final Set<String> secretNames;

    private SecretMasker(Set<String> secrets, Set<String> secretNames) {
        this.secrets = secrets.stream()
                .filter(s -> s.length() >= MIN_SEARCHED_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        this.secretNames = Set.copyOf(secretNames);
    }

    /** @return a masker that masks nothing */
    public static SecretMasker none() {
        return new SecretMasker(Set.of(), Set.of());
    }

    /**
     * @param config a resolved configuration
     * @param names  the names of its secret properties (from {@link SecretFields#declared})
     * @return a masker for the values held under those names anywhere in the configuration
     */
    public static SecretMasker of(JsonNode config, Set<String> names) {
        return new SecretMasker(SecretFields.values(config, names), names);
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
     * @return a copy with the value of every secret property, at any depth, replaced by {@link #MASK}
     */
    public JsonNode maskConfig(JsonNode config) {
        JsonNode copy = config.deepCopy();
        maskIn(copy);
        return copy;
    }

    private void maskIn(JsonNode node) {
        if (node instanceof ObjectNode object) {
            java.util.List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (secretNames.contains(name) && !object.get(name).isNull()) {
                    object.set(name, TextNode.valueOf(MASK));
                } else {
                    maskIn(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::maskIn);
        }
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
                && secretNames.equals(other.secretNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secrets, secretNames);
    }
}
