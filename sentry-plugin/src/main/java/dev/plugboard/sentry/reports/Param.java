package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The reports' parameters: the same name, meaning and JSON Schema in every report that takes one. {@link #WINDOW}
 * stands for the four date-window parameters ({@code date}, {@code daysBack}, {@code start}, {@code end}).
 */
enum Param {
    ORGANIZATION(false, "organization", """
            {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,49}$",
             "description": "Organization slug; default: the configured organization."}"""),
    PROJECTS(true, "projects", """
            {"description": "Projects by slug or id, or \\"all\\" for every project of the organization.",
             "type": ["array", "string", "integer"], "minItems": 1, "minLength": 1, "minimum": 1,
             "items": {"$ref": "#/$defs/slugOrId"},
             "examples": [["web", "api"], "all"]}"""),
    TEAMS(true, "teams", """
            {"description": "Teams by slug or id, or \\"all\\" for every team of the organization.",
             "type": ["array", "string", "integer"], "minItems": 1, "minLength": 1, "minimum": 1,
             "items": {"$ref": "#/$defs/slugOrId"},
             "examples": [["backend"], "all"]}"""),
    ISSUE(true, "issue", """
            {"description": "Issue ids (numeric, as in the issue's URL), one or more.",
             "type": ["array", "string", "integer"], "minItems": 1, "minimum": 1,
             "pattern": "^[0-9]{1,19}(,[0-9]{1,19})*$",
             "items": {"type": ["string", "integer"], "pattern": "^[0-9]{1,19}$", "minimum": 1},
             "examples": [["100000042"]]}"""),
    QUERY(false, "query", """
            {"type": "string", "description": "Sentry search query."}"""),
    STATUS(false, "status", """
            {"type": "string", "enum": ["active", "deleted"], "default": "active",
             "description": "Repository status."}"""),
    FULL(false, "full", """
            {"description": "Whether to fetch each event's full body (entries, contexts, sdk).",
             "type": ["boolean", "string"], "enum": [true, false, "true", "false"], "default": false}"""),
    STAT(false, "stat", """
            {"type": "string", "enum": ["received", "rejected", "blacklisted"],
             "description": "Legacy stat, mapped onto outcomes: received = accepted; rejected = filtered + rate_limited + invalid; blacklisted = filtered. Not with outcome."}"""),
    OUTCOME(false, "outcome", """
            {"type": "string",
             "enum": ["accepted", "filtered", "rate_limited", "invalid", "abuse", "client_discard",
                      "cardinality_limited"],
             "description": "One stats_v2 outcome. Not with stat. Default (neither): every outcome, one row each."}"""),
    CATEGORY(false, "category", """
            {"type": "string",
             "enum": ["error", "transaction", "attachment", "replay", "profile", "profile_duration",
                      "profile_duration_ui", "profile_chunk", "profile_chunk_ui", "monitor"],
             "description": "One data category; default: every category, one row each."}"""),
    INTERVAL(false, "interval", """
            {"type": "string", "pattern": "^(1h|2h|3h|4h|6h|8h|12h|24h|1d)$", "default": "1d",
             "description": "Bucket width, one that divides a day: 1h, 2h, 3h, 4h, 6h, 8h, 12h or 1d. Sentry answers at most 1,000 intervals per call, so a longer window (1h over more than 41 days) is read in several calls."}"""),
    WINDOW(false, "date", """
            {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
             "description": "One UTC day (YYYY-MM-DD). Not with daysBack or start/end."}""");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAYS_BACK = """
            {"description": "The last N days (N × 24 hours before now), 1 to 90. Not with date or start/end.",
             "type": ["integer", "string"], "minimum": 1, "maximum": 90, "pattern": "^(90|[1-8][0-9]|[1-9])$"}""";
    private static final String DAY_OR_DAYS_BACK = """
            {"oneOf": [{"type": "string", "format": "date", "pattern": "%s"},
                       {"type": "integer", "minimum": 0, "maximum": 90},
                       {"type": "string", "pattern": "%s"}]}"""
            .formatted(DateWindow.DATE_PATTERN, DateWindow.DAYS_PATTERN);
    private static final String SLUG_OR_ID = """
            {"type": ["string", "integer"], "minLength": 1, "minimum": 1}""";

    private final boolean required;
    private final String name;
    private final String schema;

    Param(boolean required, String name, String schema) {
        this.required = required;
        this.name = name;
        this.schema = schema;
    }

    /** @return the parameter names this stands for */
    List<String> names() {
        return this == WINDOW ? List.of("date", "daysBack", "start", "end") : List.of(name);
    }

    /** @return the parameter's name ({@code date} for the window) */
    String paramName() {
        return name;
    }

    /**
     * @param title  the report's title
     * @param params the report's parameters
     * @return the parameters' JSON Schema (draft 2020-12), as text
     */
    static String schema(String title, Collection<Param> params) {
        ObjectNode s = JSON.createObjectNode();
        s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        s.put("title", title + ": parameters");
        s.put("type", "object");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        ObjectNode defs = JSON.createObjectNode();
        ObjectNode dependentRequired = JSON.createObjectNode();
        ObjectNode dependentSchemas = JSON.createObjectNode();
        Set<Param> set = new LinkedHashSet<>(params);
        for (Param p : set) {
            props.set(p.name, parse(p.schema));
            if (p.required) {
                required.add(p.name);
            }
            if (p == PROJECTS || p == TEAMS) {
                defs.set("slugOrId", parse(SLUG_OR_ID));
            }
            if (p == WINDOW) {
                props.set("daysBack", parse(DAYS_BACK));
                ObjectNode start = parse("{\"$ref\": \"#/$defs/dateOrDaysBack\"}");
                start.put("description", "Window start: a UTC date (from its first instant) or a number of days"
                        + " back (0 to 90). With end.");
                props.set("start", start);
                ObjectNode end = parse("{\"$ref\": \"#/$defs/dateOrDaysBack\"}");
                end.put("description", "Window end: a UTC date (included whole) or a number of days back (0 = now)."
                        + " With start.");
                props.set("end", end);
                defs.set("dateOrDaysBack", parse(DAY_OR_DAYS_BACK));
                dependentRequired.set("start", JSON.createArrayNode().add("end"));
                dependentRequired.set("end", JSON.createArrayNode().add("start"));
                dependentSchemas.set("date", notAny("daysBack", "start", "end"));
                dependentSchemas.set("daysBack", notAny("start", "end"));
            }
        }
        if (set.contains(STAT) && set.contains(OUTCOME)) {
            dependentSchemas.set("stat", notAny("outcome"));
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        if (!dependentRequired.isEmpty()) {
            s.set("dependentRequired", dependentRequired);
        }
        if (!dependentSchemas.isEmpty()) {
            s.set("dependentSchemas", dependentSchemas);
        }
        if (!defs.isEmpty()) {
            s.set("$defs", defs);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return every parameter name of these parameters */
    static Set<String> allNames(Collection<Param> params) {
        Set<String> out = new LinkedHashSet<>();
        params.forEach(p -> out.addAll(p.names()));
        return out;
    }

    private static ObjectNode notAny(String... names) {
        List<ObjectNode> reqs = new ArrayList<>();
        for (String n : names) {
            ObjectNode r = JSON.createObjectNode();
            r.putArray("required").add(n);
            reqs.add(r);
        }
        ObjectNode not = JSON.createObjectNode();
        if (reqs.size() == 1) {
            not.set("not", reqs.get(0));
        } else {
            ArrayNode any = not.putObject("not").putArray("anyOf");
            reqs.forEach(any::add);
        }
        return not;
    }

    private static ObjectNode parse(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad schema fragment: " + text, e);
        }
    }
}
