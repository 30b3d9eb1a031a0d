package dev.plugboard.host.cli;

/**
 * A {@code plugboard} subcommand contributed by another module on the host's class path (the conformance suite's
 * {@code conformance} command). Implementations are picocli {@code @Command} classes with a public no-argument
 * constructor, listed in {@code META-INF/services/dev.plugboard.host.cli.CommandExtension}; they may declare a
 * {@code @ParentCommand PlugboardCommand} field to read the global options.
 */
public interface CommandExtension {
}
