package dev.plugboard.host.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Parameters;

/**
 * {@code plugboard help [COMMAND [SUBCOMMAND]...]}: the help of any command, nested ones included
 * ({@code plugboard help account create}), where picocli's own help command takes one level only.
 */
@Command(name = "help", helpCommand = true,
        description = "Show the help of a command or a subcommand, e.g. plugboard help account create.")
final class HelpCommand implements IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to show.")
    private List<String> commands = new ArrayList<>();

    private CommandLine self;
    private ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        List<String> path = new ArrayList<>();
        for (String name : commands) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                String where = path.isEmpty() ? "plugboard" : "plugboard " + String.join(" ", path);
                throw new HostException(ExitCode.USAGE, "'" + name + "' is not a command of '" + where
                        + "'; its commands are: " + String.join(", ", target.getSubcommands().keySet()));
            }
            path.add(name);
            target = next;
        }
        target.usage(self.getOut(), colors);
        self.getOut().flush();
    }
}
