package dev.plugboard.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one Plugboard job: loads the plugin with the host's isolated loader, checks its configuration (a task never
 * starts on a configuration {@code config/validate} would refuse), reads the connection's committed offset and
 * hands the rest to a {@link JobRunner}.
 */
public final class PlugboardSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(PlugboardSourceTask.class);

    private PluginSession session;
    private JobRunner runner;

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public void start(Map<String, String> props) {
        Settings settings;
        try {
            settings = Settings.parse(props);
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ConnectException("invalid Plugboard connector configuration: " + e.getMessage(), e);
        }
        try {
            session = PluginSession.open(settings);
        } catch (PluginSession.PluginNotFound e) {
            throw new ConnectException(e.getMessage());
        }
        try {
            List<PluginConfigs.Problem> problems = new ArrayList<>(session.problems());
            Optional<JobPlan> plan = problems.isEmpty() ? JobPlan.build(session, settings, problems) : Optional.empty();
            if (plan.isEmpty()) {
                throw new ConnectException(session.mask("invalid configuration for Plugboard plugin '"
                        + settings.pluginId() + "':\n" + String.join("\n", problems.stream()
                        .map(p -> "  " + p.setting() + ": " + p.message()).toList())));
            }
            Map<String, Object> partition = Offsets.partition(plan.get().connection());
            Optional<Offsets> stored = Offsets.fromMap(context.offsetStorageReader().offset(partition));
            LOG.info("Plugboard task for {} starting from {}", plan.get().connection(),
                    stored.map(Offsets::toString).orElse("no offset"));
            runner = new JobRunner(session, plan.get(), settings, stored, "plugboard-" + plan.get().connection());
            runner.start();
        } catch (RuntimeException e) {
            session.close();
            session = null;
            throw e;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return runner == null ? null : runner.poll();
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.stop();
        }
        if (session != null) {
            session.close();
        }
    }
}
