package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.TableWriter;
import dev.plugboard.host.review.ReviewCsv;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code plugboard review decide}: writes a decision into a campaign CSV, for reviews decided from a script or a
 * ticket instead of a spreadsheet. The file is replaced atomically; every other cell stays as it was.
 */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = {"Write a decision into a campaign CSV, as a spreadsheet would.",
            "The rows of a principal, or of a principal and an entitlement, get the decision, reviewer, comment"
                + " and remove choice given."})
final class ReviewDecideCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV written by plugboard review start.")
    private Path file;

    @Option(names = "--principal", required = true, paramLabel = "TYPE:ID", description = "Whose access, e.g."
            + " user:42.")
    private String principal;

    @Option(names = "--entitlement", paramLabel = "ID", description = "Which entitlement (default: every row of the"
            + " principal); a trailing * matches any rest, e.g. team:7:*.")
    private String entitlement;

    @Option(names = "--decision", required = true, paramLabel = "keep|revoke", description = "The decision.")
    private String decision;

    @Option(names = "--reviewer", required = true, paramLabel = "WHO", description = "Who decided.")
    private String reviewer;

    @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "", description = "Why.")
    private String comment;

    @Option(names = "--remove", paramLabel = "CHOICE", defaultValue = "", description = {"For revoke: own, grant,"
        + " or grant ids separated by spaces (plugboard help review apply); default: empty."})
    private String remove;

    @Override
    public Integer call() {
        String d = decision.strip().toLowerCase(java.util.Locale.ROOT);
        if (!d.equals("keep") && !d.equals("revoke")) {
            throw new HostException(ExitCode.USAGE, "--decision must be keep or revoke, got '" + decision + "'");
        }
        ReviewCsv.Table table;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            table = ReviewCsv.read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new HostException(ExitCode.USAGE, file + " does not exist: write it with plugboard review start"
                    + " --out " + file);
        } catch (IOException e) {
            throw new HostException(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new HostException(ExitCode.USAGE, e.getMessage());
        }
        int type = table.column("principalType").orElseThrow();
        int id = table.column("principalId").orElseThrow();
        int ent = table.column("entitlementId").orElseThrow();
        List<List<String>> rows = new ArrayList<>();
        int changed = 0;
        for (List<String> r : table.rows()) {
            List<String> row = new ArrayList<>(r);
            while (row.size() < table.header().size()) {
                row.add("");
            }
            String who = row.get(type) + ":" + row.get(id);
            boolean match = who.equals(principal) && (entitlement == null || (entitlement.endsWith("*")
                    ? row.get(ent).startsWith(entitlement.substring(0, entitlement.length() - 1))
                    : row.get(ent).equals(entitlement)));
            if (match) {
                set(table, row, "decision", d);
                set(table, row, "reviewer", reviewer.strip());
                set(table, row, "comment", comment);
                set(table, row, "remove", remove.strip());
                changed++;
            }
            rows.add(row);
        }
        if (changed == 0) {
            throw new HostException(ExitCode.USAGE, file + " has no row of " + principal + (entitlement == null ? ""
                    : " holding " + entitlement) + ": check the ids in its principalType, principalId and"
                    + " entitlementId columns");
        }
        try (OutputTarget target = OutputTarget.file(file)) {
            try (TableWriter writer = TableWriter.open(TableWriter.Format.CSV, target.writer(), table.header(),
                    Set.of(), TableWriter.CsvCells.RAW)) {
                for (List<String> row : rows) {
                    writer.row(row);
                }
            }
            target.commit();
        } catch (IOException e) {
            throw new HostException(ExitCode.OUTPUT, "cannot write " + file + ": " + SyncCommand.describe(e), e);
        }
        spec.commandLine().getErr().println("decided " + d + " on " + changed + (changed == 1 ? " row" : " rows")
                + " of " + file);
        return ExitCode.OK.code();
    }

    /** Sets a cell, guarded as a spreadsheet would need it (the file is written raw: its cells already are). */
    private static void set(ReviewCsv.Table table, List<String> row, String column, String value) {
        row.set(table.column(column).orElseThrow(), TableWriter.CsvCells.GUARDED.apply(value));
    }
}
