package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The checks on an {@code --out} path that every command makes before it starts its work. */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * @param out    the {@code --out} option: absent or {@code -} for standard output
     * @param option the option's name, for messages
     * @param inputs the files the command reads (its config file, a sync file): never an output
     * @return the file to write, or empty for standard output
     * @throws HostException (usage) when {@code out} is a directory or one of the inputs
     */
    static Optional<Path> check(Optional<Path> out, String option, Path... inputs) {
        if (out.isEmpty() || out.get().toString().equals("-")) {
            return Optional.empty();
        }
        Path file = out.get();
        try {
            OutputFiles.of(file);
        } catch (IOException e) {
            throw new HostException(ExitCode.USAGE, option + ": " + e.getMessage(), e);
        }
        for (Path input : inputs) {
            if (input != null && same(file, input)) {
                throw new HostException(ExitCode.USAGE, option + " " + file + " is the file this command reads ("
                        + input + "): writing it would replace it; name another file");
            }
        }
        return Optional.of(file);
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the names
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
