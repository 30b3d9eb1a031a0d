package dev.plugboard.host.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.sync.RecordKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Who holds what, from a sync file, following expandable grants: the user-access-review table.
 *
 * <p>A principal holds an entitlement directly when a grant says so. A grant that is expandable from entitlements
 * F1..Fn also gives its entitlement to every holder of any Fi, however they hold Fi; so expansions chain (a nested
 * team), and a path never visits an entitlement twice (cycles end).
 *
 * <p>A grant held {@code via} other entitlements (a Sentry manager is admin of a team through the org role and the
 * team's membership) starts its path with them, joined with {@code " + "}: {@code role:manager:assigned +
 * team:7:member -> team:7:admin}; the host takes the connector's word for it and does not check them.
 *
 * <p>There is one row per path: a user who reaches a project through two teams has two rows for it, so a reviewer
 * who revokes one sees the other. Paths are listed shortest first, then by text. Rows come sorted by principal type,
 * principal id, entitlement id (text order), then path, so equal sync files give equal tables.
 *
 * <p>Bounded: a path has at most {@link Limits#maxDepth()} expansion steps, and at most {@link Limits#maxPaths()}
 * paths are listed per principal and entitlement; what the limits leave out is counted in {@link #truncation()}, so
 * the caller can say so and how to raise them. Without the bounds a crafted file with long chains or many
 * alternatives would make the output grow without limit.
 *
 * <p>Memory: the whole grant graph is held (it is a join), compactly: entitlements and principals are numbered and
 * their ids shared; a grant costs its id and two numbers. One principal's paths are held at a time.
 */
public final class EffectiveAccess {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, Integer> entitlementIndex = new HashMap<>();
    private final List<String> entitlementIds = new ArrayList<>();
    private final List<String[]> entitlementInfo = new ArrayList<>();
    private final Map<String, Integer> principalIndex = new HashMap<>();
    private final List<String[]> principals = new ArrayList<>();
    private final List<List<Held>> direct = new ArrayList<>();
    private final Map<Integer, List<Held>> expansions = new HashMap<>();
    private final Map<String, String[]> activity = new HashMap<>();
    private Limits limits = Limits.DEFAULT;
    private long depthCut;
    private long countCut;
    private final java.util.Set<String> cutPrincipals = new java.util.TreeSet<>();

    /**
     * How far paths are followed: at most {@code maxDepth} expansion steps in a path and {@code maxPaths} paths per
     * principal and entitlement.
     *
     * @param maxDepth the most expansion steps in one path (0: direct grants only)
     * @param maxPaths the most paths listed per principal and entitlement
     */
    public record Limits(int maxDepth, int maxPaths) {
        /** 32 steps and 100 paths: far beyond a real organization's nesting. */
        public static final Limits DEFAULT = new Limits(32, 100);

        /** Checks the limits. */
        public Limits {
            if (maxDepth < 0 || maxDepth > 10_000 || maxPaths < 1) {
                throw new IllegalArgumentException("the access limits need 0 <= --max-depth <= 10000 and"
                        + " --max-paths >= 1");
            }
        }
    }

    /**
     * What the limits left out of the last {@link #forEachRow} run.
     *
     * @param longerPaths paths not followed beyond {@link Limits#maxDepth()} steps
     * @param morePaths   paths not listed because an entitlement already had {@link Limits#maxPaths()} for the
     *                    principal
     * @param principals  the principals concerned (at most 5, in id order)
     */
    public record Truncation(long longerPaths, long morePaths, List<String> principals) {
        /** @return whether anything was left out */
        public boolean any() {
            return longerPaths > 0 || morePaths > 0;
        }
    }

    /**
     * @param value the limits to follow paths with
     * @return this
     */
    public EffectiveAccess limits(Limits value) {
        this.limits = java.util.Objects.requireNonNull(value, "limits");
        return this;
    }

    /** @return what the limits left out of the last run over the rows */
    public Truncation truncation() {
        return new Truncation(depthCut, countCut, cutPrincipals.stream().limit(5).toList());
    }

    /**
     * An entitlement reached through a grant: directly held, or the target of an expansion edge. {@code via} is a
     * direct grant's {@code via} entitlements joined with {@code " + "}, empty for a grant held on its own.
     */
    private record Held(int entitlement, String grantId, String via) {
    }

    private EffectiveAccess() {
    }

    /**
     * @param syncFile a file written by {@code plugboard sync}
     * @return the access it describes
     * @throws SyncFileException when the file is missing, malformed or from an unfinished sync
     * @throws IOException       when reading fails
     */
    public static EffectiveAccess load(Path syncFile) throws SyncFileException, IOException {
        try (InputStream in = Files.newInputStream(syncFile)) {
            return read(in, syncFile.toString());
        } catch (NoSuchFileException e) {
            throw new SyncFileException("the sync file " + syncFile + " does not exist; run plugboard sync --out "
                    + syncFile + " first");
        }
    }

    /**
     * @param in   a sync file's content (JSON Lines)
     * @param name the file's name, for messages
     * @return the access it describes
     * @throws SyncFileException when the content is malformed or from an unfinished sync
     * @throws IOException       when reading fails
     */
    public static EffectiveAccess read(InputStream in, String name) throws SyncFileException, IOException {
        EffectiveAccess access = new EffectiveAccess();
        boolean summary = false;
        long line = 0;
        try (JsonParser parser = Json.parser(in)) {
            while (true) {
                JsonToken token;
                try {
                    token = parser.nextToken();
                    if (token == null) {
                        break;
                    }
                    line = parser.currentLocation().getLineNr();
                    JsonNode record = Json.read(parser);
                    if (summary) {
                        throw new SyncFileException(name + " line " + line + ": a record after the summary; the file is"
                                + " not one sync");
                    }
                    summary = access.add(record);
                } catch (JsonProcessingException e) {
                    throw new SyncFileException(name + " line " + parser.currentLocation().getLineNr()
                            + " is not JSON (" + e.getOriginalMessage() + "); is it a plugboard sync file?", e);
                } catch (IllegalArgumentException e) {
                    throw new SyncFileException(name + " line " + line + ": " + e.getMessage(), e);
                }
            }
        }
        if (!summary) {
            throw new SyncFileException(name + " has no summary line: it is not from a completed sync; run the sync"
                    + " again (or resume it with --resume)");
        }
        return access;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("a " + node.path("kind").asText("record") + " record lacks '"
                    + field + "'");
        }
        return v.asText();
    }

    private static String refKey(JsonNode node, String field) {
        JsonNode ref = node.get(field);
        if (ref == null || !ref.isObject()) {
            throw new IllegalArgumentException("a " + node.path("kind").asText("record") + " record lacks '"
                    + field + "'");
        }
        return text(ref, "type") + ":" + text(ref, "id");
    }

    /** @return whether the record was the summary */
    private boolean add(JsonNode record) {
        switch (RecordKind.parse(record.path("kind").asText(""))) {
            case RESOURCE_TYPE -> {
            }
            case RESOURCE -> {
                String key = text(record, "type") + ":" + text(record, "id");
                names.put(key, text(record, "displayName"));
                JsonNode profile = record.path("profile");
                String login = profile.path("lastLogin").isTextual() ? profile.path("lastLogin").asText() : "";
                String active = profile.path("lastActive").isTextual() ? profile.path("lastActive").asText() : "";
                if (!login.isEmpty() || !active.isEmpty()) {
                    activity.put(key, new String[] {login, active});
                }
            }
            case ENTITLEMENT -> {
                int e = entitlement(text(record, "id"));
                JsonNode res = record.get("resource");
                if (res == null || !res.isObject()) {
                    throw new IllegalArgumentException("an entitlement record lacks 'resource'");
                }
                entitlementInfo.set(e, new String[] {text(res, "type"), text(res, "id"), text(record, "slug")});
            }
            case GRANT -> {
                int e = entitlement(text(record, "entitlement"));
                String grantId = text(record, "id");
                int p = principal(record);
                direct.get(p).add(new Held(e, grantId, via(record)));
                JsonNode expandable = record.get("expandable");
                if (expandable != null) {
                    for (JsonNode from : expandable) {
                        expansions.computeIfAbsent(entitlement(from.asText()), k -> new ArrayList<>())
                                .add(new Held(e, grantId, ""));
                    }
                }
            }
            case SUMMARY -> {
                return true;
            }
        }
        return false;
    }

    /** @return the grant's {@code via} entitlements joined with {@code " + "}, or empty text */
    private static String via(JsonNode grant) {
        JsonNode via = grant.get("via");
        if (via == null) {
            return "";
        }
        if (!via.isArray()) {
            throw new IllegalArgumentException("grant " + grant.path("id").asText("?") + ": 'via' must be a list of"
                    + " entitlement ids");
        }
        List<String> ids = new ArrayList<>(via.size());
        for (JsonNode v : via) {
            if (!v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException("grant " + grant.path("id").asText("?") + ": 'via' must be a list"
                        + " of entitlement ids");
            }
            ids.add(v.asText());
        }
        return String.join(" + ", ids);
    }

    private int entitlement(String id) {
        Integer i = entitlementIndex.get(id);
        if (i != null) {
            return i;
        }
        int n = entitlementIds.size();
        entitlementIds.add(id);
        entitlementInfo.add(null);
        entitlementIndex.put(id, n);
        return n;
    }

    private int principal(JsonNode grant) {
        String key = refKey(grant, "principal");
        Integer i = principalIndex.get(key);
        if (i != null) {
            return i;
        }
        JsonNode ref = grant.get("principal");
        int n = principals.size();
        principals.add(new String[] {text(ref, "type"), text(ref, "id"), key});
        direct.add(new ArrayList<>());
        principalIndex.put(key, n);
        return n;
    }

    /** @return every row, in order (for small syncs and tests; use {@link #forEachRow} to stream) */
    public List<AccessRow> rows() {
        List<AccessRow> rows = new ArrayList<>();
        forEachRow(rows::add);
        return rows;
    }

    /**
     * Computes the rows principal by principal and hands them over in order; holds one principal's rows at a time.
     *
     * @param sink receives each row
     */
    public void forEachRow(Consumer<AccessRow> sink) {
        depthCut = 0;
        countCut = 0;
        cutPrincipals.clear();
        Integer[] order = new Integer[principals.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> principals.get(i)[0])
                .thenComparing(i -> principals.get(i)[1]));
        Comparator<Held> byEntitlement = Comparator.<Held, String>comparing(h -> entitlementIds.get(h.entitlement()))
                .thenComparing(Held::grantId);
        for (int p : order) {
            String[] principal = principals.get(p);
            // entitlement -> the distinct paths reaching it: [path text, grant id]
            Map<Integer, java.util.LinkedHashMap<String, String[]>> found = new HashMap<>();
            long before = depthCut + countCut;
            List<Held> held = new ArrayList<>(direct.get(p));
            held.sort(byEntitlement);
            for (Held h : held) {
                List<Integer> path = new ArrayList<>();
                path.add(h.entitlement());
                follow(path, h.via(), h.grantId(), found, byEntitlement);
            }
            if (depthCut + countCut > before) {
                cutPrincipals.add(principal[2]);
            }
            List<Integer> entitlements = new ArrayList<>(found.keySet());
            entitlements.sort(Comparator.comparing(entitlementIds::get));
            String principalName = names.getOrDefault(principal[2], "");
            String[] seen = activity.getOrDefault(principal[2], new String[] {"", ""});
            for (int e : entitlements) {
                String[] info = entitlementInfo.get(e);
                String resourceType = info == null ? "" : info[0];
                String resourceId = info == null ? "" : info[1];
                List<String[]> paths = new ArrayList<>(found.get(e).values());
                paths.sort(Comparator.<String[]>comparingInt(x -> x[0].equals("direct") ? 0
                        : x[0].split(" -> ", -1).length).thenComparing(x -> x[0]).thenComparing(x -> x[1]));
                for (String[] how : paths) {
                    sink.accept(new AccessRow(principal[0], principal[1], principalName, entitlementIds.get(e),
                            resourceType, resourceId, names.getOrDefault(resourceType + ":" + resourceId, ""),
                            info == null ? "" : info[2], how[0], how[1], seen[0], seen[1]));
                }
            }
        }
    }

    /**
     * Records the path ending at its last entitlement (reached through {@code grantId}), then follows the
     * expansions from there depth first, never revisiting an entitlement of the path, within the limits.
     * {@code via} is what the path's first grant is held through ({@code A + B}), empty when held on its own.
     */
    private void follow(List<Integer> path, String via, String grantId, Map<Integer,
            java.util.LinkedHashMap<String, String[]>> found, Comparator<Held> byEntitlement) {
        int at = path.get(path.size() - 1);
        String text = pathText(via, path);
        java.util.LinkedHashMap<String, String[]> paths = found.computeIfAbsent(at, k -> new java.util.LinkedHashMap<>());
        String key = text + "\u0000" + grantId;
        if (!paths.containsKey(key)) {
            if (paths.size() >= limits.maxPaths()) {
                countCut++;
                return;
            }
            paths.put(key, new String[] {text, grantId});
        }
        List<Held> edges = expansions.get(at);
        if (edges == null) {
            return;
        }
        List<Held> sorted = new ArrayList<>(edges);
        sorted.sort(byEntitlement);
        for (Held edge : sorted) {
            if (path.contains(edge.entitlement())) {
                continue;
            }
            if (path.size() - 1 >= limits.maxDepth()) {
                depthCut++;
                continue;
            }
            path.add(edge.entitlement());
            follow(path, via, edge.grantId(), found, byEntitlement);
            path.remove(path.size() - 1);
        }
    }

    private String pathText(String via, List<Integer> path) {
        if (path.size() == 1 && via.isEmpty()) {
            return "direct";
        }
        List<String> steps = new ArrayList<>(path.size() + 1);
        if (!via.isEmpty()) {
            steps.add(via);
        }
        path.forEach(e -> steps.add(entitlementIds.get(e)));
        return String.join(" -> ", steps);
    }

    /**
     * Writes every row as a table with the {@link AccessRow#COLUMNS}.
     *
     * @param out the table writer
     * @return how many rows were written
     * @throws IOException when writing fails
     */
    public long write(dev.plugboard.host.output.TableWriter out) throws IOException {
        long[] count = {0};
        IOException[] failure = {null};
        forEachRow(row -> {
            if (failure[0] != null) {
                return;
            }
            try {
                out.row(row.values());
                count[0]++;
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return count[0];
    }
}
