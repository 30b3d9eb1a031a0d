package dev.plugboard.examples.file;

import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorException;
import dev.plugboard.spi.ErrorKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The connector's configuration, bound from the host's validated config.
 *
 * @param path     the JSON file or CSV folder
 * @param format   how to read it
 * @param pageSize records per page
 */
record FileConfig(Path path, Format format, int pageSize) {
    static final int DEFAULT_PAGE_SIZE = 100;

    /** How the export is written. */
    enum Format {
        /** One JSON file. */
        JSON,
        /** A folder of CSV files. */
        CSV
    }

    FileConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
    }

    /**
     * @param config the host's config (already validated against the schema)
     * @return the bound config
     * @throws ConnectorException of kind CONFIG when a value cannot work
     */
    static FileConfig from(ConnectorConfig config) {
        String text = config.string("path").orElseThrow(() -> new ConnectorException(ErrorKind.CONFIG,
                "'path' is required: set it to a JSON file or a folder of CSV files"));
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConnectorException(ErrorKind.CONFIG, "'path' is not a valid path: " + e.getReason());
        }
        Format format = config.string("format")
                .map(f -> switch (f.toLowerCase(Locale.ROOT)) {
                    case "json" -> Format.JSON;
                    case "csv" -> Format.CSV;
                    default -> throw new ConnectorException(ErrorKind.CONFIG, "'format' must be json or csv, not '"
                            + f + "'");
                })
                .orElseGet(() -> Files.isDirectory(path) ? Format.CSV : Format.JSON);
        long pageSize = config.integer("pageSize").orElse((long) DEFAULT_PAGE_SIZE);
        if (pageSize < 1 || pageSize > 10_000) {
            throw new ConnectorException(ErrorKind.CONFIG, "'pageSize' must be between 1 and 10000, not " + pageSize);
        }
        return new FileConfig(path, format, (int) pageSize);
    }
}
