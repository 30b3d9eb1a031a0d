/**
 * The {@code plugboard} command line (picocli): {@link dev.plugboard.host.cli.Cli} builds it and maps every failure
 * to a message on stderr and an {@link dev.plugboard.host.cli.ExitCode}. Commands that open a plugin's connector
 * extend {@link dev.plugboard.host.cli.ConnectorCommand} (plugin id, {@code --config}, the
 * {@link dev.plugboard.host.cli.ConnectorSession}, error mapping); provisioning commands extend
 * {@link dev.plugboard.host.cli.ProvisioningCommand}. Shared options are mixins: {@code --json}
 * ({@link dev.plugboard.host.cli.JsonOption}, also the one JSON printer), {@code --dry-run},
 * {@code --format}/{@code --out} ({@link dev.plugboard.host.cli.TableOutputOptions}). Other modules add commands
 * through {@link dev.plugboard.host.cli.CommandExtension}. Nothing outside this package (but {@code Main}) uses it.
 */
package dev.plugboard.host.cli;
