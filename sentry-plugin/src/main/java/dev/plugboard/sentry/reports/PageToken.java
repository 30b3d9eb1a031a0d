package dev.plugboard.sentry.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a report run stands, as self-contained text the host can save and hand back (to this process or another):
 * the report, the resolved targets (so "all" is listed once per run), which target is next, Sentry's cursor in it,
 * and the date window fixed on the first page. Encoded as {@code r1.} + base64url of a small JSON object.
 *
 * @param report  the report id
 * @param targets the targets, in paging order
 * @param index   the target the next page reads
 * @param cursor  Sentry's cursor in that target, empty for its first page
 * @param window  the date window, for reports that take one
 */
record PageToken(String report, List<Target> targets, int index, Optional<String> cursor,
                 Optional<DateWindow> window) {
    private static final String PREFIX = "r1.";
    private static final ObjectMapper JSON = new ObjectMapper();

    PageToken {
        Objects.requireNonNull(report, "report");
        targets = List.copyOf(targets);
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(window, "window");
        if (index < 0 || index >= Math.max(1, targets.size())) {
            throw new IllegalArgumentException("index out of range: " + index);
        }
    }

    /** @return the token text */
    String encode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("r", report);
        ArrayNode ts = n.putArray("t");
        for (Target t : targets) {
            ArrayNode a = ts.addArray().add(t.id()).add(t.slug());
            if (!t.projectIds().isEmpty()) {
                ArrayNode p = a.addArray();
                t.projectIds().forEach(p::add);
            }
        }
        n.put("i", index);
        cursor.ifPresent(c -> n.put("c", c));
        window.ifPresent(w -> n.put("s", w.start().toString()).put("e", w.end().toString()));
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param report the report being run
     * @param text   a token from an earlier page
     * @return the position
     * @throws dev.plugboard.spi.ConnectorException INVALID_REQUEST when the token is not one of this report's
     */
    static PageToken decode(String report, String text) {
        try {
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException("prefix");
            }
            JsonNode n = JSON.readTree(Base64.getUrlDecoder().decode(text.substring(PREFIX.length())));
            if (!n.path("r").asText("").equals(report)) {
                throw Problems.invalid("the page token belongs to report '" + n.path("r").asText("?") + "', not '"
                        + report + "': start report " + report + " without a page token");
            }
            List<Target> targets = new ArrayList<>();
            for (JsonNode t : n.path("t")) {
                List<String> projects = new ArrayList<>();
                t.path(2).forEach(p -> projects.add(p.asText()));
                targets.add(new Target(text(t.path(0)), text(t.path(1)), projects));
            }
            Optional<DateWindow> window = n.has("s")
                    ? Optional.of(new DateWindow(Instant.parse(n.path("s").asText()), Instant.parse(n.path("e")
                    .asText()))) : Optional.empty();
            return new PageToken(report, targets, n.path("i").asInt(-1),
                    n.path("c").isTextual() ? Optional.of(n.path("c").asText()) : Optional.empty(), window);
        } catch (dev.plugboard.spi.ConnectorException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw Problems.invalid("the page token is not one this connector made for report '" + report
                    + "' (it may be cut or edited): start the report again without a page token");
        }
    }

    private static String text(JsonNode n) {
        if (!n.isTextual()) {
            throw new IllegalArgumentException("not text");
        }
        return n.asText();
    }
}
