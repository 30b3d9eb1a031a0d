package dev.plugboard.kafka;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * A connector's settings, parsed. {@link #toString()} never shows the plugin configuration or a secret.
 *
 * @param pluginId     the plugin id
 * @param pluginsDir   the folder of plugin jars
 * @param configText   the plugin configuration text (JSON or YAML), without secrets
 * @param secrets      secret property name to value (from {@code plugboard.secret.*})
 * @param job          what a run does
 * @param reportId     the report, for report jobs
 * @param reportParams the report parameters text
 * @param topic        the one topic, or empty when {@code topicPrefix} is set
 * @param topicPrefix  the per-kind topic prefix, or empty
 * @param interval     time between the end of a run and the start of the next
 * @param concurrency  the most calls in flight, empty for the plugin's default
 * @param types        resource types to sync, empty for all
 */
record Settings(String pluginId, Path pluginsDir, String configText, Map<String, String> secrets, Job job,
                Optional<String> reportId, String reportParams, Optional<String> topic, Optional<String> topicPrefix,
                Duration interval, OptionalInt concurrency, List<String> types) {

    /** What each run does. */
    enum Job {
        /** A sync, as {@code plugboard sync}. */
        SYNC,
        /** A report's rows, as {@code plugboard report}. */
        REPORT
    }

    Settings {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(configText, "configText");
        secrets = Map.copyOf(secrets);
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(reportId, "reportId");
        Objects.requireNonNull(reportParams, "reportParams");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        if (topic.isPresent() == topicPrefix.isPresent()) {
            throw new IllegalArgumentException("set exactly one of " + PlugboardConfig.TOPIC + " and "
                    + PlugboardConfig.TOPIC_PREFIX);
        }
        if (job == Job.REPORT && reportId.isEmpty()) {
            throw new IllegalArgumentException(PlugboardConfig.REPORT + " is required when "
                    + PlugboardConfig.JOB + " is report");
        }
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(concurrency, "concurrency");
        types = List.copyOf(types);
    }

    /**
     * @param props the connector's or task's configuration (config provider references already resolved)
     * @return the settings
     * @throws org.apache.kafka.common.config.ConfigException when a setting is missing or malformed
     * @throws IllegalArgumentException                       when settings contradict each other
     */
    static Settings parse(Map<String, String> props) {
        AbstractConfig c = new AbstractConfig(PlugboardConfig.definition(), props, false);
        Map<String, String> secrets = new TreeMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith(PlugboardConfig.SECRET_PREFIX) && v != null) {
                secrets.put(k.substring(PlugboardConfig.SECRET_PREFIX.length()), v);
            }
        });
        String dir = c.getString(PlugboardConfig.PLUGINS_DIR).strip();
        int concurrency = c.getInt(PlugboardConfig.CONCURRENCY);
        return new Settings(c.getString(PlugboardConfig.PLUGIN).strip(),
                dir.isEmpty() ? defaultPluginsDir() : Path.of(dir), c.getString(PlugboardConfig.CONFIG), secrets,
                Job.valueOf(c.getString(PlugboardConfig.JOB).toUpperCase(java.util.Locale.ROOT)),
                nonBlank(c.getString(PlugboardConfig.REPORT)), c.getString(PlugboardConfig.REPORT_PARAMS),
                nonBlank(c.getString(PlugboardConfig.TOPIC)), nonBlank(c.getString(PlugboardConfig.TOPIC_PREFIX)),
                Duration.ofMillis(c.getLong(PlugboardConfig.INTERVAL_MS)),
                concurrency == 0 ? OptionalInt.empty() : OptionalInt.of(concurrency),
                c.getList(PlugboardConfig.TYPES).stream().map(String::strip).filter(t -> !t.isEmpty()).toList());
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /**
     * @return {@code plugins/} of the installed bundle: the adapter jar is {@code BUNDLE/connect/plugboard/*.jar}
     */
    static Path defaultPluginsDir() {
        try {
            Path code = Path.of(PlugboardSourceConnector.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toAbsolutePath();
            Path bundle = code.getParent() == null || code.getParent().getParent() == null ? code
                    : code.getParent().getParent().getParent();
            return (bundle == null ? code : bundle).resolve("plugins");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("plugins").toAbsolutePath();
        }
    }

    /** @return the topic a record of this kind goes to */
    String topicFor(String kind) {
        return topic.orElseGet(() -> topicPrefix.orElseThrow() + kind);
    }

    /** Never shows the configuration text or secrets. */
    @Override
    public String toString() {
        return "Settings[plugin=" + pluginId + ", pluginsDir=" + pluginsDir + ", job=" + job
                + reportId.map(r -> ", report=" + r).orElse("") + ", secrets=" + secrets.keySet() + "]";
    }
}
