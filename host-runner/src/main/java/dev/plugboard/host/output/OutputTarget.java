package dev.plugboard.host.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where a command writes its data: standard output, or a file that appears only when the command completes
 * ({@link AtomicFileOutput}). Close it without {@link #commit()} to abandon a failed run.
 */
public interface OutputTarget extends AutoCloseable {

    /** @return the stream to write to; closing it does not close standard output */
    OutputStream stream();

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
     * @param out the standard output stream
     * @return a target writing to it (never closed by the target)
     */
    static OutputTarget stdout(PrintStream out) {
        OutputStream guarded = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return new OutputTarget() {
            @Override
            public OutputStream stream() {
                return guarded;
            }

            @Override
            public void commit() throws IOException {
                guarded.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    /**
     * @param target the file to create when the command completes
     * @return a target writing to {@code TARGET.partial} until committed
     * @throws IOException when the temporary file cannot be created
     */
    static OutputTarget file(Path target) throws IOException {
        AtomicFileOutput file = AtomicFileOutput.create(target);
        return new OutputTarget() {
            @Override
            public OutputStream stream() {
                return new FilterOutputStream(file.stream()) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                };
            }

            @Override
            public void commit() throws IOException {
                file.commit();
            }

            @Override
            public void close() {
                file.abandon(false);
            }
        };
    }
}
