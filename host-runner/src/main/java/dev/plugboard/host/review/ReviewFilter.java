package dev.plugboard.host.review;

import dev.plugboard.host.access.AccessRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which access a campaign reviews: {@code FIELD=VALUE} terms ({@code principal=user:42}, {@code principalType=user},
 * {@code entitlement=team:7:*}, {@code resourceType=project}, {@code resource=project:3}). A value ending in
 * {@code *} matches every value that starts with the rest. Terms of one field are alternatives; terms of different
 * fields must all match. No term: everything.
 */
public final class ReviewFilter {
    /** The fields a term may name. */
    public static final List<String> FIELDS = List.of("principal", "principalType", "entitlement", "resourceType",
            "resource");

    private final Map<String, List<String>> terms;

    private ReviewFilter(Map<String, List<String>> terms) {
        this.terms = terms;
    }

    /**
     * @param texts the terms, as typed
     * @return the filter
     * @throws IllegalArgumentException saying what is wrong with a term
     */
    public static ReviewFilter parse(List<String> texts) {
        Map<String, List<String>> terms = new LinkedHashMap<>();
        for (String text : texts) {
            int eq = text.indexOf('=');
            String field = eq < 0 ? "" : text.substring(0, eq).strip();
            String value = eq < 0 ? "" : text.substring(eq + 1).strip();
            if (!FIELDS.contains(field) || value.isEmpty()) {
                throw new IllegalArgumentException("--filter '" + text + "': expected FIELD=VALUE with FIELD one of "
                        + String.join(", ", FIELDS) + " (e.g. --filter entitlement=team:7:* --filter"
                        + " principalType=user)");
            }
            terms.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
        }
        return new ReviewFilter(terms);
    }

    /** @return the terms as one line, {@code ""} for none (kept with the campaign) */
    public String describe() {
        List<String> parts = new ArrayList<>();
        terms.forEach((field, values) -> values.forEach(v -> parts.add(field + "=" + v)));
        return String.join(" ", parts);
    }

    /**
     * @param row an access row
     * @return whether the campaign lists it
     */
    public boolean test(AccessRow row) {
        for (Map.Entry<String, List<String>> term : terms.entrySet()) {
            String actual = switch (term.getKey()) {
                case "principal" -> row.principalType() + ":" + row.principalId();
                case "principalType" -> row.principalType();
                case "entitlement" -> row.entitlementId();
                case "resourceType" -> row.entitlementResourceType();
                case "resource" -> row.entitlementResourceType() + ":" + row.entitlementResourceId();
                default -> throw new IllegalStateException(term.getKey());
            };
            if (term.getValue().stream().noneMatch(v -> matches(v, actual))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String pattern, String actual) {
        return pattern.endsWith("*") ? actual.startsWith(pattern.substring(0, pattern.length() - 1))
                : Objects.equals(pattern, actual);
    }
}
