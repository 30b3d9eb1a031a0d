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
     * @param target the file to create when the command completes; a device or FIFO ({@link OutputFiles#SPECIAL})
     *               is written directly instead, never replaced
     * @return a target writing UTF-8 to {@code TARGET.partial} until committed, holding the target's
     *         {@link OutputLock} until closed
     * @throws IOException when the target is a directory, another run holds it ({@link OutputInUseException}) or
     *                     the temporary file cannot be created
     */
    static OutputTarget file(Path target) throws IOException {
        if (OutputFiles.of(target) == OutputFiles.SPECIAL) {
            java.io.OutputStream device = java.nio.file.Files.newOutputStream(target,
                    java.nio.file.StandardOpenOption.WRITE);
            Writer writer = new OutputStreamWriter(device, StandardCharsets.UTF_8);
            return new OutputTarget() {
                @Override
                public Writer writer() {
                    return writer;
                }

                @Override
                public void commit() throws IOException {
                    writer.flush();
                }

                @Override
                public void close() {
                    try {
                        writer.close();
                    } catch (IOException ignored) {
                        // a device that fails on close: what was written was flushed or reported by commit()
                    }
                }
            };
        }
        OutputLock lock = OutputLock.acquire(target);
        AtomicFileOutput file;
        try {
            file = AtomicFileOutput.create(target);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
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
                try {
                    file.abandon(false);
                } finally {
                    lock.close();
                }
            }
        };
    }
}
