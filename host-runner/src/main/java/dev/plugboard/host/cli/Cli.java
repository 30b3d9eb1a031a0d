package dev.plugboard.host.cli;

import dev.plugboard.spi.ConnectorException;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the command line and maps every failure to a message on stderr and an {@link ExitCode}. */
public final class Cli {
    private Cli() {
    }

    /**
     * Runs {@code plugboard} with the given arguments.
     *
     * @param args the arguments
     * @param out  where data goes
     * @param err  where messages go
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, java.time.Clock.systemUTC());
    }

    /**
     * Runs {@code plugboard} on a given clock: leases begin and end by it, and connectors read it.
     *
     * @param args  the arguments
     * @param out   where data goes
     * @param err   where messages go
     * @param clock the clock
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, java.time.Clock clock) {
        PlugboardCommand root = new PlugboardCommand(clock);
        CommandLine cli = new CommandLine(root);
        // before setOut/setErr, which apply to the subcommands present at the time
        for (CommandExtension extension : java.util.ServiceLoader.load(CommandExtension.class, Cli.class.getClassLoader())) {
            cli.addSubcommand(extension);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAllowSubcommandsAsOptionParameters(true); // --plugins plugins: a folder named like a command
        // a mistyped option: the message, a suggestion when picocli has one, and where the options are, not the
        // whole usage text (which buried the one line that matters)
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine line = e.getCommandLine();
            PrintWriter messages = line.getErr();
            messages.println("plugboard: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, messages);
            messages.println("See '" + line.getCommandSpec().qualifiedName() + " --help' for its options.");
            messages.flush();
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            String message = root.masker().mask(messageOf(e));
            int code = exitCodeOf(e).code();
            line.getErr().println("plugboard: " + message);
            line.getErr().flush();
            if (jsonRequested(parse)) {
                // scripts that asked for JSON read the failure from stdout too, without parsing stderr
                com.fasterxml.jackson.databind.node.ObjectNode failure = dev.plugboard.host.json.Json.object();
                failure.putObject("error").put("exitCode", code).put("message", message);
                JsonOption.print(line.getOut(), failure);
                line.getOut().flush();
            }
            return code;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static boolean jsonRequested(CommandLine.ParseResult parse) {
        for (CommandLine.ParseResult r = parse; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }

    static ExitCode exitCodeOf(Throwable e) {
        if (e instanceof HostException h) {
            return h.exitCode();
        }
        if (e instanceof ConnectorException c) {
            return ExitCode.of(c.kind());
        }
        if (e instanceof dev.plugboard.host.store.StoreException s) {
            return StoreOptions.exitCode(s);
        }
        return ExitCode.INTERNAL;
    }

    static String messageOf(Throwable e) {
        if (e instanceof HostException || e instanceof ConnectorException
                || e instanceof dev.plugboard.host.store.StoreException) {
            return e.getMessage();
        }
        return "internal error: " + e + " (please report this with the command you ran)";
    }
}
