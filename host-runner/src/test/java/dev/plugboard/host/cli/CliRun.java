package dev.plugboard.host.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code plugboard} command line in-process.
 *
 * @param exitCode the exit status
 * @param out      what it printed on stdout
 * @param err      what it printed on stderr
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs the command line with these arguments. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }
}
