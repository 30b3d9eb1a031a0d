package dev.plugboard.host.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A file written under a temporary name beside its target ({@code TARGET.partial}) and renamed to the target
 * atomically by {@link #commit()}. Until then no file with the target's name is created or changed, so a failed or
 * interrupted run never leaves a file that looks finished. Counts the bytes written so a checkpoint can record a
 * position and a resumed run can {@linkplain #resume continue from it}, and keeps a SHA-256 digest of them so a
 * checkpoint can record what the file held and a resumed run can refuse a file changed since.
 *
 * <p>The temporary file is created exclusively ({@code CREATE_NEW}) and never through a symbolic link, so a link or
 * file planted at {@code TARGET.partial} cannot redirect the writes onto another file. The caller holds the target's
 * {@link OutputLock} for the whole run.
 */
public final class AtomicFileOutput implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final CountingStream counting;
    private final OutputStream stream;
    private boolean done;

    private AtomicFileOutput(Path target, FileChannel channel, long position, MessageDigest digest) {
        this.target = target;
        this.partial = partialOf(target);
        this.channel = channel;
        this.counting = new CountingStream(Channels.newOutputStream(channel), position, digest);
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
     * Starts a new temporary file, deleting any left by an earlier run (a symbolic link there is deleted, never
     * followed) and creating it exclusively.
     *
     * @param target the file to write in the end; its directory must exist
     * @return the output
     * @throws IOException when the temporary file cannot be created
     */
    public static AtomicFileOutput create(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path partial = partialOf(target);
        Files.deleteIfExists(partial);
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        return new AtomicFileOutput(target, channel, 0, sha256());
    }

    /**
     * Continues the temporary file left by an interrupted run: keeps its first {@code position} bytes, drops the rest.
     *
     * @param target   the file to write in the end
     * @param position how many bytes of the temporary file are known good
     * @param digest   the {@linkplain #contentDigest() digest} of those bytes when the checkpoint was taken
     * @return the output, positioned at {@code position}
     * @throws IOException when the temporary file is missing, not a regular file, shorter than {@code position}, or
     *                     its first {@code position} bytes are not the ones the checkpoint recorded
     */
    public static AtomicFileOutput resume(Path target, long position, String digest) throws IOException {
        Path partial = partialOf(target);
        String again = "; run again without --resume";
        if (!Files.exists(partial, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot resume: the partial output " + partial + " is missing" + again);
        }
        if (!Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot resume: the partial output " + partial + " is not a regular file" + again);
        }
        FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            if (channel.size() < position) {
                throw new IOException("cannot resume: the partial output " + partial + " has " + channel.size()
                        + " bytes but the checkpoint recorded " + position + again);
            }
            MessageDigest sha = sha256();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);
            long read = 0;
            while (read < position) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), position - read));
                int n = channel.read(buffer, read);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                sha.update(buffer);
                read += n;
            }
            if (!hex((MessageDigest) clone(sha)).equals(digest)) {
                throw new IOException("cannot resume: the partial output " + partial + " was changed since the"
                        + " checkpoint (its first " + position + " bytes are not the ones written)" + again);
            }
            channel.truncate(position);
            channel.position(position);
            return new AtomicFileOutput(target, channel, position, sha);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * @return the SHA-256 digest (hex) of every byte the temporary file holds that went through {@link #sync()}:
     *         call it right after {@code sync()}
     */
    public String contentDigest() {
        return hex((MessageDigest) clone(counting.digest));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Object clone(MessageDigest digest) {
        try {
            return digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests can be cloned on every Java platform", e);
        }
    }

    private static String hex(MessageDigest digest) {
        return java.util.HexFormat.of().formatHex(digest.digest());
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
        private final MessageDigest digest;
        private long count;

        CountingStream(OutputStream out, long start, MessageDigest digest) {
            this.out = out;
            this.count = start;
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
