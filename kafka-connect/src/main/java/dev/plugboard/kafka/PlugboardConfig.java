package dev.plugboard.kafka;

import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** The settings of a {@link PlugboardSourceConnector}: names, types, defaults and documentation. */
public final class PlugboardConfig {
    /** The Plugboard plugin id. */
    public static final String PLUGIN = "plugboard.plugin";
    /** The folder of Plugboard plugin jars. */
    public static final String PLUGINS_DIR = "plugboard.plugins.dir";
    /** The plugin's configuration, JSON or YAML, without its secrets. */
    public static final String CONFIG = "plugboard.config";
    /** Prefix of one PASSWORD setting per secret property of the plugin's schema. */
    public static final String SECRET_PREFIX = "plugboard.secret.";
    /** {@code sync} or {@code report}. */
    public static final String JOB = "plugboard.job";
    /** The report id, for {@code report} jobs. */
    public static final String REPORT = "plugboard.report";
    /** The report's parameters, JSON or YAML. */
    public static final String REPORT_PARAMS = "plugboard.report.params";
    /** One topic for every record. */
    public static final String TOPIC = "plugboard.topic";
    /** A prefix: records go to PREFIX + kind. */
    public static final String TOPIC_PREFIX = "plugboard.topic.prefix";
    /** Time between the end of one run and the start of the next. */
    public static final String INTERVAL_MS = "plugboard.interval.ms";
    /** Most plugin calls in flight. */
    public static final String CONCURRENCY = "plugboard.concurrency";
    /** Resource types to sync. */
    public static final String TYPES = "plugboard.types";
    /** The store: a PostgreSQL JDBC URL or an SQLite file. */
    public static final String STORE_URL = "plugboard.store.url";
    /** The PostgreSQL user. */
    public static final String STORE_USER = "plugboard.store.user";
    /** The PostgreSQL password (PASSWORD). */
    public static final String STORE_PASSWORD = "plugboard.store.password";
    /** The connection's name in the store. */
    public static final String STORE_CONNECTION = "plugboard.store.connection";

    private static final String PLUGIN_GROUP = "Plugin";
    private static final String JOB_GROUP = "Job";
    private static final String OUTPUT_GROUP = "Output";
    private static final String SECRET_GROUP = "Secrets";
    private static final String STORE_GROUP = "Store";

    private PlugboardConfig() {
    }

    /** @return the settings every connector has (the plugin's secret settings are added by {@link #withSecrets}) */
    public static ConfigDef definition() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(PLUGIN, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                "The id of the Plugboard plugin to run (what 'plugboard plugins' lists), e.g. sentry.",
                PLUGIN_GROUP, ++order, Width.SHORT, "Plugin id");
        def.define(PLUGINS_DIR, Type.STRING, "", Importance.MEDIUM,
                "The folder of Plugboard plugin jars, on every worker. Empty: the plugins/ folder of the installed"
                        + " Plugboard Connect bundle (beside its connect/ folder).",
                PLUGIN_GROUP, ++order, Width.LONG, "Plugins folder");
        def.define(CONFIG, Type.STRING, "{}", Importance.HIGH,
                "The plugin's configuration as JSON or YAML text (see 'plugboard spec <plugin>'), without the"
                        + " properties its schema marks secret: give each of those in " + SECRET_PREFIX
                        + "<property>, a PASSWORD setting, best as a config provider reference such as"
                        + " ${file:/etc/kafka/secrets.properties:sentry.token}.",
                PLUGIN_GROUP, ++order, Width.LONG, "Plugin configuration");
        def.define(JOB, Type.STRING, "sync", ConfigDef.ValidString.in("sync", "report"), Importance.HIGH,
                "What each run does: 'sync' (every resource type, resource, entitlement and grant, as the"
                        + " 'plugboard sync' file) or 'report' (the rows of " + REPORT + ").",
                JOB_GROUP, ++order, Width.SHORT, "Job");
        def.define(REPORT, Type.STRING, "", Importance.MEDIUM,
                "The report id for job=report (what 'plugboard reports <plugin>' lists).",
                JOB_GROUP, ++order, Width.MEDIUM, "Report id");
        def.define(REPORT_PARAMS, Type.STRING, "{}", Importance.MEDIUM,
                "The report's parameters as JSON or YAML text, validated against the report's parameter schema.",
                JOB_GROUP, ++order, Width.LONG, "Report parameters");
        def.define(INTERVAL_MS, Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Milliseconds from the end of one completed run to the start of the next.",
                JOB_GROUP, ++order, Width.SHORT, "Interval");
        def.define(CONCURRENCY, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.LOW,
                "The most plugin calls in flight at once; 0 for the plugin's own default.",
                JOB_GROUP, ++order, Width.SHORT, "Concurrency");
        def.define(TYPES, Type.LIST, "", Importance.LOW,
                "Only these resource types (comma-separated), as 'plugboard sync --types'; empty for all.",
                JOB_GROUP, ++order, Width.MEDIUM, "Resource types");
        def.define(TOPIC, Type.STRING, "", Importance.HIGH,
                "The topic every record goes to. Set this or " + TOPIC_PREFIX + ", not both.",
                OUTPUT_GROUP, ++order, Width.MEDIUM, "Topic");
        def.define(TOPIC_PREFIX, Type.STRING, "", Importance.HIGH,
                "A topic per record kind: PREFIX + kind (resourceType, resource, entitlement, grant, summary; row"
                        + " for reports). Set this or " + TOPIC + ", not both.",
                OUTPUT_GROUP, ++order, Width.MEDIUM, "Topic prefix");
        def.define(STORE_URL, Type.STRING, "", Importance.MEDIUM,
                "The Plugboard store each sync is written into, as 'plugboard sync' writes it (docs/store.md): a"
                        + " jdbc:postgresql://HOST:5432/DB URL without a password (a store every worker reaches), or"
                        + " an SQLite file (jdbc:sqlite:PATH or PATH) on a disk every worker shares. With a store,"
                        + " each completed sync is followed by a tombstone (the key, no value) for every record the"
                        + " previous completed sync had and this one does not, so a compacted topic holds the current"
                        + " records. Empty: no store, no tombstones.",
                STORE_GROUP, ++order, Width.LONG, "Store URL");
        def.define(STORE_USER, Type.STRING, "", Importance.MEDIUM,
                "The PostgreSQL user of " + STORE_URL + " (or user=... in the URL).",
                STORE_GROUP, ++order, Width.SHORT, "Store user");
        def.define(STORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                "The PostgreSQL password of " + STORE_URL + ". Never shown by the REST API or in logs; best a"
                        + " config provider reference such as ${file:PATH:KEY}. Never in the URL.",
                STORE_GROUP, ++order, Width.MEDIUM, "Store password");
        def.define(STORE_CONNECTION, Type.STRING, "", Importance.LOW,
                "The connection's name in the store ('plugboard syncs --connection NAME'): letters, digits, '.',"
                        + " '_' and '-'. Empty: the connector's name.",
                STORE_GROUP, ++order, Width.MEDIUM, "Store connection");
        return def;
    }

    /**
     * @param secretNames the secret properties of a plugin's schema
     * @return {@link #definition()} plus one PASSWORD setting per secret
     */
    public static ConfigDef withSecrets(Set<String> secretNames) {
        ConfigDef def = definition();
        int order = 0;
        for (String name : secretNames) {
            def.define(SECRET_PREFIX + name, Type.PASSWORD, null, Importance.HIGH,
                    "The plugin's secret property '" + name + "'. Never shown by the REST API or in logs; best a"
                            + " config provider reference such as ${file:PATH:KEY} or ${env:NAME}.",
                    SECRET_GROUP, ++order, Width.LONG, name);
        }
        return def;
    }
}
