package dev.plugboard.host.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What an output path names, decided before a command writes anything. */
public enum OutputFiles {
    /** A regular file, or nothing yet: written under a temporary name and renamed into place when complete. */
    REGULAR,
    /**
     * A device, a FIFO or a socket ({@code /dev/null}, {@code /dev/stdout}, a named pipe): written directly, never
     * replaced by a regular file, and a sync to it cannot be resumed.
     */
    SPECIAL;

    /**
     * @param target an output path (a symbolic link is followed: a link to a device is a device)
     * @return what it is
     * @throws IOException when it is a directory (the message says so), or cannot be inspected
     */
    public static OutputFiles of(Path target) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(target, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            return REGULAR;
        }
        if (attributes.isDirectory()) {
            throw new IOException(target + " is a directory: name a file to write, such as " + target.resolve("out"));
        }
        return attributes.isRegularFile() ? REGULAR : SPECIAL;
    }
}
