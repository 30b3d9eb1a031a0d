package dev.plugboard.host.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A file written under a temporary name beside its target ({@code TARGET.partial}) and renamed to the target
 * atomically by {@link #commit()}. Until then no file with the target's name is created or changed, so a failed or
 * interrupted run never leaves a file that looks finished. Counts the bytes written so a checkpoint can record a
 * position and a resumed run can {@linkplain #resume continue from it}.
 */
public final class AtomicFileOutput implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final CountingStream counting;
    private final OutputStream stream;
    private boolean done;

    private AtomicFileOutput(Path target, FileChannel channel, long position) {
        this.target = target;
        this.partial = partialOf(target);
        this.channel = channel;
        this.counting = new CountingStream(Channels.newOutputStream(channel), position);
        this.stream = new BufferedOutputStream(counting, 1 << 16);
    }

    /**
     * @param target the file to write in the end
     * @return the temporary file's path for that target
     */
    public static Path partialOf(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".partial");
    }

    /**
     * Starts a new temporary file, replacing any left by an earlier run.
     *
     * @param target the file to write in the end; its directory must exist
     * @return the output
     * @throws IOException when the temporary file cannot be created
     */
    public static AtomicFileOutput create(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        FileChannel channel = FileChannel.open(partialOf(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new AtomicFileOutput(target, channel, 0);
    }

    /**
     * Continues the temporary file left by an interrupted run: keeps its first {@code position} bytes, drops the rest.
     *
     * @param target   the file to write in the end
     * @param position how many bytes of the temporary file are known good
     * @return the output, positioned at {@code position}
     * @throws IOException when the temporary file is missing or shorter than {@code position}
     */
    public static AtomicFileOutput resume(Path target, long position) throws IOException {
        Path partial = partialOf(target);
        if (!Files.exists(partial)) {
            throw new IOException("cannot resume: the partial output " + partial + " is missing; run again without --resume");
        }
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
        if (channel.size() < position) {
            long size = channel.size();
            channel.close();
            throw new IOException("cannot resume: the partial output " + partial + " has " + size
                    + " bytes but the checkpoint recorded " + position + "; run again without --resume");
        }
        channel.truncate(position);
        channel.position(position);
        return new AtomicFileOutput(target, channel, position);
    }

    /** @return the stream to write to (buffered) */
    public OutputStream stream() {
        return stream;
    }

    /**
     * Flushes buffered bytes to the file and the file to the disk.
     *
     * @return how many bytes the temporary file holds
     * @throws IOException when writing fails
     */
    public long sync() throws IOException {
        stream.flush();
        channel.force(false);
        return counting.count;
    }

    /**
     * Flushes, closes and renames the temporary file to the target, atomically where the file system can.
     *
     * @throws IOException when any step fails (the temporary file is then left in place)
     */
    public void commit() throws IOException {
        sync();
        done = true;
        channel.close();
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Closes without committing.
     *
     * @param keepPartial whether to keep the temporary file (so a later run can resume it) or delete it
     */
    public void abandon(boolean keepPartial) {
        if (done) {
            return;
        }
        done = true;
        try {
            if (keepPartial) {
                stream.flush();
            }
        } catch (IOException ignored) {
            // the checkpoint only trusts bytes it has seen flushed
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
        if (!keepPartial) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: the name still says partial
            }
        }
    }

    /** Abandons and deletes the temporary file unless committed. */
    @Override
    public void close() {
        abandon(false);
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out, long start) {
            this.out = out;
            this.count = start;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
