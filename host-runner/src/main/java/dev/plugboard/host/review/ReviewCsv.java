package dev.plugboard.host.review;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.store.ReviewStore;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign CSV: what {@code review start} writes and {@code review apply} reads back, decided. One row per
 * principal and entitlement; {@code paths} and {@code grantIds} list every path and the grant of its last step,
 * separated by {@code "; "}.
 */
public final class ReviewCsv {
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("campaign", "principalType", "principalId", "principalName",
            "entitlementId", "entitlementResourceType", "entitlementResourceId", "entitlementResourceName",
            "entitlementSlug", "paths", "grantIds", "principalLastLogin", "principalLastActive", "decision", "reviewer",
            "comment", "remove");
    /** The columns apply needs. */
    static final List<String> NEEDED = List.of("campaign", "principalType", "principalId", "entitlementId",
            "decision", "reviewer", "comment", "remove");
    /** Separates the paths (and their grants) of one row. */
    public static final String PATH_SEPARATOR = "; ";

    private ReviewCsv() {
    }

    /**
     * @param campaign the campaign id
     * @param row      a campaign row
     * @return its cells, with empty decision, reviewer, comment and remove
     */
    public static List<String> cells(long campaign, ReviewStore.Row row) {
        int colon = row.principal().indexOf(':');
        return List.of(Long.toString(campaign), row.principal().substring(0, colon), row.principal().substring(colon + 1),
                row.principalName(), row.entitlementId(), row.resourceType(), row.resourceId(), row.resourceName(),
                row.slug(), String.join(PATH_SEPARATOR, row.paths().stream().map(ReviewStore.Path::path).toList()),
                String.join(PATH_SEPARATOR, row.paths().stream().map(ReviewStore.Path::grantId).toList()),
                row.lastLogin(), row.lastActive(), "", "", "", "");
    }

    /**
     * A decisions file: its header and rows, cells as written (a spreadsheet's guard {@code '} included).
     *
     * @param header the header cells
     * @param rows   the other rows, in file order (file row {@code i + 2})
     */
    public record Table(List<String> header, List<List<String>> rows) {
        /** Copies. */
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }

        /** @return the index of a column, if present */
        public Optional<Integer> column(String name) {
            int i = header.indexOf(name);
            return i < 0 ? Optional.empty() : Optional.of(i);
        }
    }

    /**
     * @param in   the file's content
     * @param name its name, for messages
     * @return the table
     * @throws IOException              when reading fails
     * @throws IllegalArgumentException when it is not CSV or lacks a column apply needs
     */
    public static Table read(Reader in, String name) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> all = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(in)) {
            while (it.hasNextValue()) {
                all.add(new ArrayList<>(Arrays.asList(it.nextValue())));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(name + " is not CSV: " + e.getOriginalMessage());
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: give the CSV written by plugboard review start");
        }
        List<String> header = new ArrayList<>(all.get(0).stream().map(String::strip).toList());
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        List<String> missing = NEEDED.stream().filter(c -> !header.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + " lacks the column(s) " + String.join(", ", missing)
                    + ": give the CSV written by plugboard review start, with its header row");
        }
        return new Table(header, all.subList(1, all.size()));
    }

    /**
     * @param table a decisions file
     * @return its rows as decisions (rows with no decision too), file row numbers from 2
     */
    public static List<DecidedRow> decisions(Table table) {
        Map<String, Integer> at = new HashMap<>();
        NEEDED.forEach(c -> at.put(c, table.column(c).orElseThrow()));
        List<DecidedRow> out = new ArrayList<>();
        for (int i = 0; i < table.rows().size(); i++) {
            List<String> r = table.rows().get(i);
            java.util.function.Function<String, String> cell = c -> {
                int idx = at.get(c);
                return idx < r.size() && r.get(idx) != null ? r.get(idx) : "";
            };
            out.add(new DecidedRow(i + 2, unguard(cell.apply("campaign")).strip(),
                    unguard(cell.apply("principalType")).strip() + ":" + unguard(cell.apply("principalId")).strip(),
                    unguard(cell.apply("entitlementId")).strip(), cell.apply("decision").strip()
                    .toLowerCase(java.util.Locale.ROOT), unguard(cell.apply("reviewer")).strip(),
                    unguard(cell.apply("comment")), unguard(cell.apply("remove")).strip()));
        }
        return out;
    }

    /**
     * @param text a cell as written
     * @return the text without the {@code '} a guarded CSV (or a spreadsheet) put before a formula trigger
     */
    static String unguard(String text) {
        if (text.length() >= 2 && text.charAt(0) == '\'' && TableWriter.CsvCells.GUARDED.apply(text.substring(1))
                .startsWith("'")) {
            return text.substring(1);
        }
        return text;
    }

    /**
     * One row of a decisions file.
     *
     * @param fileRow   its row number in the file (the header is row 1)
     * @param campaign  the campaign cell
     * @param principal {@code type:id}
     * @param entitlement the entitlement id
     * @param decision  {@code keep}, {@code revoke}, empty, or what was written
     * @param reviewer  who decided
     * @param comment   why
     * @param remove    the {@code remove} choice
     */
    public record DecidedRow(int fileRow, String campaign, String principal, String entitlement, String decision,
                             String reviewer, String comment, String remove) {
        /** @return the holding it decides on */
        public AccessGraph.Holding holding() {
            return new AccessGraph.Holding(principal, entitlement);
        }
    }
}
