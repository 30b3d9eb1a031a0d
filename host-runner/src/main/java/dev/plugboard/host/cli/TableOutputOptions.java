package dev.plugboard.host.cli;

import dev.plugboard.host.output.OutputTarget;
import dev.plugboard.host.output.TableWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --format csv|jsonl} and {@code --out FILE}, for the commands that write a table. */
public final class TableOutputOptions {
    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TableWriter.Format format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    private Path out;

    @Option(names = "--csv-raw", description = "Write CSV cells exactly as they are. By default a cell starting with"
            + " = + - @ or a tab or carriage return gets a leading ' so a spreadsheet shows it as text instead of running"
            + " it as a formula; use this only for programs that read the file.")
    private boolean csvRaw;

    /** @return how CSV cells that a spreadsheet would run as formulas are written */
    public TableWriter.CsvCells cells() {
        return csvRaw ? TableWriter.CsvCells.RAW : TableWriter.CsvCells.GUARDED;
    }

    /** @return the format (picocli has refused any other value, naming the allowed ones) */
    public TableWriter.Format format() {
        return format;
    }

    /**
     * @param inputs the files the command reads, which {@code --out} must not name
     * @return the output file, when given and not {@code -} (standard output)
     * @throws HostException (usage) when it is a directory or one of the inputs
     */
    public Optional<Path> out(Path... inputs) {
        return OutputPaths.check(Optional.ofNullable(out), "--out", inputs);
    }

    /**
     * @param stdout where rows go without {@code --out}
     * @return stdout, or a file written atomically (a device or FIFO directly)
     * @throws IOException when the file cannot be started
     */
    public OutputTarget open(PrintWriter stdout) throws IOException {
        return open(stdout, out());
    }

    /**
     * @param stdout where rows go without {@code --out}
     * @param file   the checked {@link #out(Path...)}
     * @return stdout, or a file written atomically (a device or FIFO directly)
     * @throws IOException when the file cannot be started
     */
    public static OutputTarget open(PrintWriter stdout, Optional<Path> file) throws IOException {
        return file.isEmpty() ? OutputTarget.stdout(stdout) : OutputTarget.file(file.get());
    }
}
