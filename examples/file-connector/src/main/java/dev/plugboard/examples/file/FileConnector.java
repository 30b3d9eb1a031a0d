package dev.plugboard.examples.file;

import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import dev.plugboard.spi.Finding;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An open file connector. It reads the export on first use and keeps it for its life, so every page of a sync
 * comes from the same snapshot; {@link #check()} reads it afresh. It starts no thread: calls complete on the
 * caller's thread (reading a local file is quick).
 */
final class FileConnector implements Connector {
    private final FileConfig config;
    private final ConnectorContext context;
    private final FileResourceSync sync;
    private final FileReports reports;
    private Loaded loaded;

    /** The export read once: its clean records and their listings. */
    private record Loaded(Directory directory, FileResourceSync.Snapshot snapshot) {
    }

    FileConnector(FileConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.sync = new FileResourceSync(() -> loaded().snapshot(), config.pageSize());
        this.reports = new FileReports(() -> loaded().directory(), config.pageSize());
    }

    private synchronized Loaded loaded() {
        if (loaded == null) {
            Directory read;
            try {
                read = ExportReader.read(config.path(), config.format());
            } catch (ExportFormatException e) {
                throw new ConnectorException(ErrorKind.CONFIG, e.getMessage() + " (run 'plugboard validate' to see"
                        + " every problem)", e);
            }
            Integrity integrity = new Integrity(read);
            if (!integrity.problems().isEmpty()) {
                context.logger().warn(integrity.problems().size() + " records of " + config.path()
                        + " refer to unknown or duplicate ids and are left out; run 'plugboard validate' for the list");
            }
            loaded = new Loaded(integrity.clean(), FileResourceSync.Snapshot.of(integrity.clean()));
        }
        return loaded;
    }

    @Override
    public CompletionStage<CheckResult> check() {
        List<Finding> findings = new ArrayList<>();
        try {
            Directory d = ExportReader.read(config.path(), config.format());
            Integrity integrity = new Integrity(d);
            findings.addAll(integrity.problems().stream()
                    .filter(f -> f.severity() == Finding.Severity.ERROR).toList());
            findings.addAll(integrity.problems().stream()
                    .filter(f -> f.severity() != Finding.Severity.ERROR).toList());
            findings.add(Finding.info("file.read", "read " + d.users().size() + " users, " + d.groups().size()
                    + " groups, " + d.roles().size() + " roles, " + d.memberships().size() + " memberships and "
                    + d.assignments().size() + " role assignments from " + config.path() + " ("
                    + config.format().name().toLowerCase(java.util.Locale.ROOT) + ")"));
        } catch (ExportFormatException e) {
            findings.add(Finding.error("file.unreadable", e.getMessage()));
        }
        return CompletableFuture.completedFuture(new CheckResult(findings));
    }

    @Override
    public Optional<ResourceSync> resourceSync() {
        return Optional.of(sync);
    }

    @Override
    public Optional<Reports> reports() {
        return Optional.of(reports);
    }

    @Override
    public void close() {
        // nothing to release: no thread, no open file
    }
}
