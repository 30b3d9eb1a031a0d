package dev.plugboard.spi;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kind of resource a connector syncs, e.g. {@code user}, {@code team}, {@code project}.
 *
 * @param id          stable identifier: lower case letters, digits, dashes and underscores, starting with a letter
 * @param displayName a name for people
 * @param traits      what kind of thing it is
 * @param description one sentence on what a resource of this type is
 */
public record ResourceType(String id, String displayName, Set<Trait> traits, String description) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    /** Checks every component. */
    public ResourceType {
        Checks.text(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("resource type id '" + id
                    + "' must be lower case letters, digits, '-' and '_', starting with a letter");
        }
        Checks.text(displayName, "displayName");
        Checks.noNulls(traits, "traits");
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
        Checks.present(description, "description");
    }

    /** @return whether the type has this trait */
    public boolean has(Trait trait) {
        return traits.contains(trait);
    }
}
