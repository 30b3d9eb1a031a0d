package dev.plugboard.kafka;

import dev.plugboard.spi.CheckResult;
import dev.plugboard.spi.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;

/**
 * What Connect's {@code config/validate} shows for a Plugboard connector: Connect's checks of each setting, then
 * the plugin's schema errors (on the setting that holds the property, with its JSON pointer), the job's checks
 * (report id, report parameters, resource types) and, when all of those pass, the plugin's {@code check()}.
 *
 * @param definition the settings including one PASSWORD setting per secret of the plugin
 * @param config     the value and errors of each setting
 */
record Validation(ConfigDef definition, Config config) {
    private static final long CHECK_TIMEOUT_SECONDS = 60;

    /**
     * @param props the settings to validate (config provider references resolved by the worker)
     * @return the result
     */
    static Validation of(Map<String, String> props) {
        ConfigDef base = PlugboardConfig.definition();
        Map<String, ConfigValue> values = byName(base.validate(props));
        if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return new Validation(base, new Config(new ArrayList<>(values.values())));
        }
        Settings settings;
        try {
            settings = Settings.parse(props);
        } catch (ConfigException | IllegalArgumentException e) {
            String message = e.getMessage();
            values.get(message.startsWith(PlugboardConfig.STORE_URL) ? PlugboardConfig.STORE_URL
                    : message.contains(PlugboardConfig.REPORT) ? PlugboardConfig.REPORT : PlugboardConfig.TOPIC)
                    .addErrorMessage(message);
            return new Validation(base, new Config(new ArrayList<>(values.values())));
        }
        try (PluginSession session = PluginSession.open(settings)) {
            ConfigDef definition = PlugboardConfig.withSecrets(session.secretNames());
            values = byName(definition.validate(props));
            List<PluginConfigs.Problem> problems = new ArrayList<>(session.problems());
            if (problems.isEmpty()) {
                problems.addAll(JobPlan.problems(session, settings));
            }
            if (problems.isEmpty()) {
                problems.addAll(check(session));
            }
            for (PluginConfigs.Problem p : problems) {
                ConfigValue value = values.computeIfAbsent(p.setting(), name -> new ConfigValue(name));
                value.addErrorMessage(session.mask(p.message()));
            }
            return new Validation(definition, new Config(new ArrayList<>(values.values())));
        } catch (PluginSession.PluginNotFound e) {
            values.get(PlugboardConfig.PLUGIN).addErrorMessage(e.getMessage());
            return new Validation(base, new Config(new ArrayList<>(values.values())));
        }
    }

    private static Map<String, ConfigValue> byName(List<ConfigValue> list) {
        Map<String, ConfigValue> map = new LinkedHashMap<>();
        list.forEach(v -> map.put(v.name(), v));
        return map;
    }

    /** @return each error finding of the plugin's {@code check()}, on the plugin configuration */
    private static List<PluginConfigs.Problem> check(PluginSession session) {
        List<PluginConfigs.Problem> problems = new ArrayList<>();
        try {
            CheckResult result = session.connector().check().toCompletableFuture()
                    .get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (Finding f : result.errors()) {
                problems.add(new PluginConfigs.Problem(PlugboardConfig.CONFIG, "check " + f.code() + ": "
                        + f.message()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(new PluginConfigs.Problem(PlugboardConfig.CONFIG, "check() was interrupted"));
        } catch (TimeoutException e) {
            problems.add(new PluginConfigs.Problem(PlugboardConfig.CONFIG, "check() did not answer within "
                    + CHECK_TIMEOUT_SECONDS + " s"));
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            problems.add(new PluginConfigs.Problem(PlugboardConfig.CONFIG, "check() failed: " + cause.getMessage()));
        }
        return problems;
    }
}
