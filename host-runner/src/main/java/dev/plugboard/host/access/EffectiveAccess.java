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
import java.util.ArrayDeque;
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
 * team), and cycles are cut (each principal's holdings are searched breadth first, each entitlement visited once).
 *
 * <p>There is one row per principal and entitlement. When several paths lead there, the row shows the direct one,
 * else a shortest one (the first found when entitlements are taken in id order). Rows come sorted by principal type,
 * principal id, then entitlement id (text order), so equal sync files give equal tables.
 *
 * <p>Memory: the whole grant graph is held (it is a join), compactly: entitlements and principals are numbered and
 * their ids shared; a grant costs its id and two numbers.
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

    /** An entitlement reached through a grant: directly held, or the target of an expansion edge. */
    private record Held(int entitlement, String grantId) {
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
            case RESOURCE -> names.put(text(record, "type") + ":" + text(record, "id"), text(record, "displayName"));
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
                direct.get(p).add(new Held(e, grantId));
                JsonNode expandable = record.get("expandable");
                if (expandable != null) {
                    for (JsonNode from : expandable) {
                        expansions.computeIfAbsent(entitlement(from.asText()), k -> new ArrayList<>())
                                .add(new Held(e, grantId));
                    }
                }
            }
            case SUMMARY -> {
                return true;
            }
        }
        return false;
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
        Integer[] order = new Integer[principals.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer, String>comparing(i -> principals.get(i)[0])
                .thenComparing(i -> principals.get(i)[1]));
        Comparator<Held> byEntitlement = Comparator.<Held, String>comparing(h -> entitlementIds.get(h.entitlement()))
                .thenComparing(Held::grantId);
        for (int p : order) {
            String[] principal = principals.get(p);
            // entitlement -> [grant id, previous entitlement (-1 when direct)], found breadth first
            Map<Integer, Object[]> reached = new HashMap<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            List<Held> held = new ArrayList<>(direct.get(p));
            held.sort(byEntitlement);
            for (Held h : held) {
                if (reached.putIfAbsent(h.entitlement(), new Object[] {h.grantId(), -1}) == null) {
                    queue.add(h.entitlement());
                }
            }
            while (!queue.isEmpty()) {
                int from = queue.poll();
                List<Held> edges = expansions.get(from);
                if (edges == null) {
                    continue;
                }
                List<Held> sorted = new ArrayList<>(edges);
                sorted.sort(byEntitlement);
                for (Held edge : sorted) {
                    if (reached.putIfAbsent(edge.entitlement(), new Object[] {edge.grantId(), from}) == null) {
                        queue.add(edge.entitlement());
                    }
                }
            }
            List<Integer> entitlements = new ArrayList<>(reached.keySet());
            entitlements.sort(Comparator.comparing(entitlementIds::get));
            String principalName = names.getOrDefault(principal[2], "");
            for (int e : entitlements) {
                Object[] how = reached.get(e);
                String[] info = entitlementInfo.get(e);
                String resourceType = info == null ? "" : info[0];
                String resourceId = info == null ? "" : info[1];
                sink.accept(new AccessRow(principal[0], principal[1], principalName, entitlementIds.get(e),
                        resourceType, resourceId, names.getOrDefault(resourceType + ":" + resourceId, ""),
                        info == null ? "" : info[2], path(e, reached), (String) how[0]));
            }
        }
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

    private String path(int entitlement, Map<Integer, Object[]> reached) {
        if ((int) reached.get(entitlement)[1] == -1) {
            return "direct";
        }
        List<String> steps = new ArrayList<>();
        int at = entitlement;
        while (true) {
            steps.add(entitlementIds.get(at));
            int previous = (int) reached.get(at)[1];
            if (previous == -1) {
                break;
            }
            at = previous;
        }
        java.util.Collections.reverse(steps);
        return String.join(" -> ", steps);
    }
}
