package dev.plugboard.host.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The plugin id and config file that commands which open a connector take: {@code <plugin> --config FILE}. */
public final class ConnectorOptions {
    @Parameters(index = "0", paramLabel = "PLUGIN", description = "The plugin id, as 'plugboard plugins' lists it.")
    String plugin;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file, JSON or YAML (by its content), or - for standard input; may use"
                    + " $${env:NAME} and $${file:PATH}. Without it, the environment variables the plugin's schema"
                    + " names (x-env) give the configuration, e.g. SENTRY_AUTH_TOKEN, SENTRY_ORG and SENTRY_URL.")
    Path config;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Most plugin calls in flight at once (default: the plugin's own default).")
    Integer concurrency;

    /** @return the plugin id */
    public String plugin() {
        return plugin;
    }

    /** @return the configuration file, or empty when the configuration comes from environment variables */
    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    /** @return how messages name where the configuration came from */
    public String configSource() {
        return config == null ? "from the environment" : config.toString();
    }

    /** @return the concurrency override, if given */
    public Optional<Integer> concurrency() {
        return Optional.ofNullable(concurrency);
    }
}
