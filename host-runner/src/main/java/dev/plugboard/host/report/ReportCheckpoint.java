package dev.plugboard.host.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.json.Json;
import dev.plugboard.host.sync.ResumeException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a report run to a file stands, saved after every page as {@code OUT.checkpoint.json} beside the output:
 * what run it is (plugin, report, and a salted digest of the configuration, parameters and output format, never
 * their values), how many bytes of {@code OUT.partial} hold whole pages, the page to ask for next and, for an
 * incremental run, its lower bound and progress.
 *
 * @param pluginId       the plugin
 * @param report         the report id
 * @param salt           the salt of {@code digest}
 * @param digest         the salted digest of what the run depends on
 * @param outputPosition the bytes of the partial output written by the pages read
 * @param outputDigest   the digest of those bytes ({@link dev.plugboard.host.output.AtomicFileOutput#contentDigest}),
 *                       so a partial file changed since is refused rather than continued
 * @param rowsRead       rows read so far
 * @param rowsWritten    rows written so far (fewer than read when an incremental run skips rows it had)
 * @param pages          pages read so far
 * @param nextToken      the next page's token
 * @param from           the incremental lower bound of the run, if any
 * @param incremental    an incremental run's progress (greatest cursor and edge rows), if any
 */
public record ReportCheckpoint(String pluginId, String report, String salt, String digest, long outputPosition,
                               String outputDigest, long rowsRead, long rowsWritten, long pages, String nextToken, Optional<Instant> from,
                               Optional<IncrementalState> incremental) {
    /** The format written; others are refused. */
    public static final int FORMAT = 1;

    /** Checks. */
    public ReportCheckpoint {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(outputDigest, "outputDigest");
        Objects.requireNonNull(nextToken, "nextToken");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(incremental, "incremental");
        if (outputPosition < 0 || rowsRead < 0 || rowsWritten < 0 || pages < 0) {
            throw new IllegalArgumentException("checkpoint counts must not be negative");
        }
    }

    /**
     * @param output a report's output file
     * @return the checkpoint file beside it
     */
    public static Path besides(Path output) {
        Path abs = output.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".checkpoint.json");
    }

    /** @return the checkpoint as the JSON document {@link #write} writes (a source offset can hold it too) */
    public String toJson() {
        ObjectNode n = Json.object();
        n.put("format", FORMAT).put("kind", "report").put("pluginId", pluginId).put("report", report)
                .put("salt", salt).put("digest", digest).put("outputPosition", outputPosition)
                .put("outputDigest", outputDigest)
                .put("rowsRead", rowsRead).put("rowsWritten", rowsWritten).put("pages", pages)
                .put("nextToken", nextToken);
        from.ifPresent(f -> n.put("from", f.toString()));
        incremental.ifPresent(i -> n.put("incremental", i.toJson()));
        return n.toString();
    }

    /**
     * Writes the checkpoint to a temporary file renamed over the old one, so it is always whole.
     *
     * @param file where
     * @throws IOException when writing fails (the previous checkpoint is then intact)
     */
    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson());
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param file a checkpoint file
     * @return the checkpoint
     * @throws ResumeException when it is missing, unreadable or not a report checkpoint of this format
     */
    public static ReportCheckpoint read(Path file) throws ResumeException {
        JsonNode n;
        try {
            n = Json.read(file);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new ResumeException("there is no checkpoint " + file + " to resume from (the run it belonged to"
                    + " completed, or never saved a page); run without --resume");
        } catch (IOException e) {
            throw new ResumeException("the checkpoint " + file + " cannot be read (" + e.getMessage()
                    + "); run without --resume to start over", e);
        }
        return parse(n, "the checkpoint " + file, "; run without --resume to start over");
    }

    /**
     * @param json  a checkpoint's JSON document ({@link #toJson})
     * @param where what holds it, for messages (e.g. {@code the offsets of sentry/0123})
     * @return the checkpoint
     * @throws ResumeException when it is not a report checkpoint of this format
     */
    public static ReportCheckpoint fromJson(String json, String where) throws ResumeException {
        JsonNode n;
        try {
            n = Json.read(json);
        } catch (IOException e) {
            throw new ResumeException(where + " is not JSON (" + e.getMessage() + ")", e);
        }
        return parse(n, where, "");
    }

    private static ReportCheckpoint parse(JsonNode n, String where, String advice) throws ResumeException {
        try {
            if (n == null || n.path("format").asInt(-1) != FORMAT || !n.path("kind").asText().equals("report")) {
                throw new IllegalArgumentException("not a report checkpoint of format " + FORMAT);
            }
            return new ReportCheckpoint(text(n, "pluginId"), text(n, "report"), text(n, "salt"), text(n, "digest"),
                    n.path("outputPosition").asLong(-1), text(n, "outputDigest"), n.path("rowsRead").asLong(-1),
                    n.path("rowsWritten").asLong(-1), n.path("pages").asLong(-1), text(n, "nextToken"),
                    n.hasNonNull("from") ? Optional.of(Instant.parse(n.get("from").asText())) : Optional.empty(),
                    n.hasNonNull("incremental") ? Optional.of(IncrementalState.fromJson(n.get("incremental").asText()))
                            : Optional.empty());
        } catch (RuntimeException e) {
            throw new ResumeException(where + " is damaged (" + e.getMessage() + ")" + advice, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v.asText();
    }
}
