package dev.plugboard.spi;

/**
 * Names one resource: its type and its id within that type. Written {@code type:id} on the command line.
 *
 * @param type a resource type id
 * @param id   the resource's id, unique within the type
 */
public record ResourceRef(String type, String id) {

    /** Checks every component. */
    public ResourceRef {
        Checks.text(type, "type");
        Checks.text(id, "id");
        if (type.indexOf(':') >= 0) {
            throw new IllegalArgumentException("resource type '" + type + "' must not contain ':'");
        }
    }

    /**
     * Parses {@code type:id} (the id may itself contain ':').
     *
     * @param text e.g. {@code user:42}
     * @return the reference
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static ResourceRef parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected TYPE:ID (e.g. user:42), got '" + text + "'");
        }
        return new ResourceRef(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
