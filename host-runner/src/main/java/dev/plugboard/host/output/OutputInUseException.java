package dev.plugboard.host.output;

import java.io.IOException;
import java.nio.file.Path;

/** Another run is writing the same output file (it holds the output's {@link OutputLock}). */
public final class OutputInUseException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param target   the output file
     * @param lockFile its lock file
     */
    public OutputInUseException(Path target, Path lockFile) {
        super("another plugboard run is writing " + target + " (it holds " + lockFile + "); wait until it ends, or"
                + " write to another file");
    }
}
