package dev.plugboard.host.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The plugin id and config file that commands which open a connector take: {@code <plugin> --config FILE}. */
public final class ConnectorOptions {
    @Parameters(index = "0", paramLabel = "PLUGIN", description = "The plugin id, as 'plugboard plugins' lists it.")
    String plugin;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Configuration file, JSON or YAML (by its content), or - for standard input; may use"
                    + " $${env:NAME} and $${file:PATH}.")
    Path config;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Most plugin calls in flight at once (default: the plugin's own default).")
    Integer concurrency;

    /** @return the plugin id */
    public String plugin() {
        return plugin;
    }

    /** @return the configuration file */
    public Path config() {
        return config;
    }

    /** @return the concurrency override, if given */
    public Optional<Integer> concurrency() {
        return Optional.ofNullable(concurrency);
    }
}
