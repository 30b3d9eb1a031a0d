package dev.plugboard.host.output;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a command writes its data: standard output, or a file that appears only when the command completes
 * ({@link AtomicFileOutput}). Close it without {@link #commit()} to abandon a failed run.
 */
public interface OutputTarget extends AutoCloseable {

    /** @return the writer to write to (UTF-8 for a file); closing it does not close standard output */
    Writer writer();

    /**
     * Marks the output complete: flushes, and for a file renames it into place.
     *
     * @throws IOException when that fails
     */
    void commit() throws IOException;

    /** Abandons the output unless committed (a file's temporary name is deleted). Never throws. */
    @Override
    void close();

    /**
     * @param out standard output
     * @return a target writing to it (never closed by the target)
     */
    static OutputTarget stdout(PrintWriter out) {
        PrintWriter printer = out;
        Writer guarded = new FilterWriter(out) {
            @Override
            public void close() {
                printer.flush();
            }
        };
        return new OutputTarget() {
            @Override
            public Writer writer() {
                return guarded;
            }

            @Override
            public void commit() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    /**
     * @param target the file to create when the command completes
     * @return a target writing UTF-8 to {@code TARGET.partial} until committed
     * @throws IOException when the temporary file cannot be created
     */
    static OutputTarget file(Path target) throws IOException {
        AtomicFileOutput file = AtomicFileOutput.create(target);
        Writer writer = new OutputStreamWriter(file.stream(), StandardCharsets.UTF_8);
        return new OutputTarget() {
            @Override
            public Writer writer() {
                return writer;
            }

            @Override
            public void commit() throws IOException {
                writer.flush();
                file.commit();
            }

            @Override
            public void close() {
                file.abandon(false);
            }
        };
    }
}
