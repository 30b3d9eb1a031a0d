package dev.plugboard.sentry.reports;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A report's parameters as the host passed them (JSON-shaped JDK values), read leniently where a person would be
 * understood (a list as one comma-separated string, a number as text) and strictly otherwise: every failure is an
 * INVALID_REQUEST naming the parameter.
 *
 * @param values the parameters
 */
record ReportParams(Map<String, Object> values) {

    ReportParams {
        values = Map.copyOf(values.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Fails on a parameter the report does not take. */
    void onlyThese(String report, Set<String> allowed) {
        for (String name : values.keySet()) {
            if (!allowed.contains(name)) {
                throw Problems.parameter(name, "report " + report + " has no such parameter; it takes "
                        + (allowed.isEmpty() ? "none" : String.join(", ", allowed.stream().sorted().toList())));
            }
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** @return the text of a string or number parameter; blank reads as absent */
    Optional<String> string(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return s.isBlank() ? Optional.empty() : Optional.of(s.strip());
        }
        if (isWhole(v)) {
            return Optional.of(new BigDecimal(v.toString()).toBigInteger().toString());
        }
        throw Problems.parameter(name, "must be a string, got " + kind(v));
    }

    /**
     * @return the values of a list parameter: a JSON array of strings or numbers, or one string (split on commas);
     *     blanks dropped, duplicates removed, order kept
     */
    List<String> list(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        List<Object> raw = v instanceof List<?> l ? new ArrayList<>(l) : List.of(v);
        Set<String> out = new LinkedHashSet<>();
        for (Object item : raw) {
            if (item instanceof String s) {
                for (String part : s.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            } else if (item != null && isWhole(item)) {
                out.add(new BigDecimal(item.toString()).toBigInteger().toString());
            } else {
                throw Problems.parameter(name, "must be a list of strings, got an element that is " + kind(item));
            }
        }
        return List.copyOf(out);
    }

    /** @return a boolean parameter; the strings true/false/1/0/yes/no are understood too */
    Optional<Boolean> bool(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        if (v instanceof String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> {
                    return Optional.of(true);
                }
                case "false", "0", "no", "" -> {
                    return Optional.of(false);
                }
                default -> {
                    // fall through to the failure
                }
            }
        }
        throw Problems.parameter(name, "must be true or false, got " + describe(v));
    }

    /** @return a string parameter that must be one of {@code allowed} */
    Optional<String> choice(String name, List<String> allowed) {
        Optional<String> v = string(name);
        if (v.isPresent() && !allowed.contains(v.get())) {
            throw Problems.parameter(name, "must be one of " + String.join(", ", allowed) + ", got '" + v.get() + "'");
        }
        return v;
    }

    static boolean isWhole(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return true;
        }
        if (v instanceof Number n) {
            try {
                new BigDecimal(n.toString()).toBigIntegerExact();
                return true;
            } catch (ArithmeticException | NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        if (v instanceof Map<?, ?>) {
            return "an object";
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        return "a " + v.getClass().getSimpleName();
    }

    static String describe(Object v) {
        return v instanceof String s ? "'" + s + "'" : kind(v);
    }
}
