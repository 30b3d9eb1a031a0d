package dev.plugboard.host.report;

import java.io.IOException;
import java.util.List;

/** Where a report run puts its rows besides a file or stdout: a table that merges rows by primary key. */
@FunctionalInterface
public interface ReportRows {

    /**
     * Inserts the rows, or updates the rows with the same primary key; all or none.
     *
     * @param rows rows, values in column order
     * @throws IOException when they cannot be stored
     */
    void merge(List<List<Object>> rows) throws IOException;
}
