package dev.plugboard.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Plugboard plugin job (a sync of one connection, or one report) on Kafka Connect. One connector is one
 * task: a sync walks one organization in the host's deterministic order, so it cannot be split; load spreads by
 * running one connector per organization or report, which Connect balances over its workers.
 */
public final class PlugboardSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(PlugboardSourceConnector.class);

    private Map<String, String> props = Map.of();
    private volatile ConfigDef definition;

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> properties) {
        Settings settings;
        try {
            settings = Settings.parse(properties);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConnectException("invalid Plugboard connector configuration: " + e.getMessage(), e);
        }
        this.props = Map.copyOf(properties);
        LOG.info("Plugboard connector started: {}", settings);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return PlugboardSourceTask.class;
    }

    /** One task: a run cannot be split (see the class comment); extra task slots stay unused. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        LOG.info("Plugboard connector stopped");
    }

    /**
     * The settings, with one PASSWORD setting per secret property of every plugin installed in the bundle's
     * {@code plugins/} folder and of every plugin validated so far: Connect asks for this before it calls
     * {@link #validate}, and hides the values of PASSWORD settings in {@code config/validate} answers.
     */
    @Override
    public ConfigDef config() {
        ConfigDef d = definition;
        if (d == null) {
            d = PlugboardConfig.withSecrets(PluginConfigs.installedSecretNames(Settings.defaultPluginsDir()));
            definition = d;
        }
        return d;
    }

    /**
     * Connect's own checks, then the plugin's: its JSON Schema (each error on the setting that holds it, with its
     * JSON pointer) and its {@code check()} against the live system (each error finding on {@code plugboard.config}).
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Validation validation = Validation.of(connectorConfigs);
        Set<String> secrets = new TreeSet<>();
        for (ConfigDef def : List.of(config(), validation.definition())) {
            def.names().stream().filter(n -> n.startsWith(PlugboardConfig.SECRET_PREFIX))
                    .map(n -> n.substring(PlugboardConfig.SECRET_PREFIX.length())).forEach(secrets::add);
        }
        definition = PlugboardConfig.withSecrets(secrets);
        return validation.config();
    }

    /** A sync is at least once: a restarted task repeats the records after its last committed checkpoint. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }
}
