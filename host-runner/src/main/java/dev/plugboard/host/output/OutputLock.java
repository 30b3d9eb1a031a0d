package dev.plugboard.host.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Holds an output file for one run: an exclusive lock on {@code OUT.lock} beside it, taken before the run touches
 * {@code OUT}, {@code OUT.partial} or {@code OUT.checkpoint.json} and released (and the lock file deleted) when the
 * run ends. A second run writing the same output while the first holds it is refused at once with
 * {@link OutputInUseException}, so two runs never interleave their records into one file that looks finished. The
 * lock is the operating system's ({@link FileChannel#tryLock()}): it ends with the process, even a killed one.
 */
public final class OutputLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param target an output file
     * @return its lock file, {@code TARGET.lock}
     */
    public static Path lockOf(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    /**
     * Takes the output's lock without waiting.
     *
     * @param target the output file
     * @return the lock; close it when the run ends
     * @throws OutputInUseException when another run holds it
     * @throws IOException          when the lock file cannot be created (an unwritable folder)
     */
    public static OutputLock acquire(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        Path file = lockOf(target);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new OutputInUseException(target, file);
        }
        // A run that opened the file just before the holder deleted it and locks it just after gets a lock on a file
        // no longer at that path: it runs after the holder finished, which is what the lock is for.
        return new OutputLock(file, channel, lock);
    }

    /** Deletes the lock file and releases the lock. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a lock file left behind is harmless: the next run locks it again
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
