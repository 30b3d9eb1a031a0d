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
import dev.plugboard.host.store.StoreException;
import dev.plugboard.host.store.StoreLocation;
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
 * @param store        the store to write syncs into, if any (its password never shown)
 * @param storeName    the connection's name in the store
 */
record Settings(String pluginId, Path pluginsDir, String configText, Map<String, String> secrets, Job job,
                Optional<String> reportId, String reportParams, Optional<String> topic, Optional<String> topicPrefix,
                Duration interval, OptionalInt concurrency, List<String> types, Optional<StoreLocation> store,
                String storeName) {

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
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(storeName, "storeName");
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
        String name = nonBlank(c.getString(PlugboardConfig.STORE_CONNECTION))
                .or(() -> nonBlank(props.get("name"))).orElse(c.getString(PlugboardConfig.PLUGIN).strip());
        return new Settings(c.getString(PlugboardConfig.PLUGIN).strip(),
                dir.isEmpty() ? defaultPluginsDir() : Path.of(dir), c.getString(PlugboardConfig.CONFIG), secrets,
                Job.valueOf(c.getString(PlugboardConfig.JOB).toUpperCase(java.util.Locale.ROOT)),
                nonBlank(c.getString(PlugboardConfig.REPORT)), c.getString(PlugboardConfig.REPORT_PARAMS),
                nonBlank(c.getString(PlugboardConfig.TOPIC)), nonBlank(c.getString(PlugboardConfig.TOPIC_PREFIX)),
                Duration.ofMillis(c.getLong(PlugboardConfig.INTERVAL_MS)),
                concurrency == 0 ? OptionalInt.empty() : OptionalInt.of(concurrency),
                c.getList(PlugboardConfig.TYPES).stream().map(String::strip).filter(t -> !t.isEmpty()).toList(),
                store(c), name);
    }

    /**
     * @return the store the settings name: the URL parsed by the host (SQLite file or PostgreSQL), the user and the
     *         password from their own settings
     * @throws IllegalArgumentException when the URL holds a password or is not a store URL
     */
    private static Optional<StoreLocation> store(AbstractConfig c) {
        Optional<String> url = nonBlank(c.getString(PlugboardConfig.STORE_URL));
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (url.get().matches("(?i).*[?&]password=.*")) {
            throw new IllegalArgumentException(PlugboardConfig.STORE_URL + " holds a password: remove it from the URL"
                    + " and set " + PlugboardConfig.STORE_PASSWORD + " (a PASSWORD setting, best a config provider"
                    + " reference such as ${file:PATH:KEY})");
        }
        StoreLocation parsed;
        try {
            parsed = StoreLocation.parse(url.get(), variable -> Optional.empty());
        } catch (StoreException e) {
            throw new IllegalArgumentException(PlugboardConfig.STORE_URL + ": " + e.getMessage()
                    .replace("--store ", ""), e);
        }
        if (parsed.engine() == StoreLocation.Engine.SQLITE) {
            return Optional.of(parsed);
        }
        org.apache.kafka.common.config.types.Password password = c.getPassword(PlugboardConfig.STORE_PASSWORD);
        return Optional.of(new StoreLocation(parsed.engine(), parsed.file(), parsed.jdbcUrl(),
                nonBlank(c.getString(PlugboardConfig.STORE_USER)).or(parsed::user),
                password == null ? Optional.empty() : Optional.ofNullable(password.value())));
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
                + reportId.map(r -> ", report=" + r).orElse("") + ", secrets=" + secrets.keySet()
                + store.map(s -> ", store=" + s.describe() + ", connection=" + storeName).orElse("") + "]";
    }
}
