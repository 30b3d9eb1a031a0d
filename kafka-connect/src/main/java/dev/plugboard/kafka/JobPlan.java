package dev.plugboard.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plugboard.host.report.ParameterException;
import dev.plugboard.host.report.ReportParameters;
import dev.plugboard.host.report.ReportRunner;
import dev.plugboard.host.runtime.Retrier;
import dev.plugboard.host.sync.SyncEngine;
import dev.plugboard.host.sync.SyncIdentity;
import dev.plugboard.spi.ReportDefinition;
import dev.plugboard.spi.Reports;
import dev.plugboard.spi.ResourceSync;
import dev.plugboard.spi.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task runs, checked before it runs: for a sync, the resource types; for a report, its definition and
 * validated parameters. Also names the connection (the source partition) from the plugin, the configuration
 * without its secrets and the job, so a changed configuration never resumes another configuration's checkpoint.
 *
 * @param types        the resource type ids walked (sync), in the plugin's order
 * @param report       the report (report jobs)
 * @param parameters   the report's validated parameters
 * @param configDigest the digest of the connection's identity
 * @param connection   {@code <plugin>/<first 16 hex digits of the digest>}
 */
record JobPlan(List<String> types, Optional<ReportDefinition> report, Map<String, Object> parameters,
               String configDigest, String connection) {

    JobPlan {
        types = List.copyOf(types);
        Objects.requireNonNull(report, "report");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(configDigest, "configDigest");
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * @param session  the plugin session, its configuration free of problems
     * @param settings the settings
     * @return the job's problems (none when it can run)
     */
    static List<PluginConfigs.Problem> problems(PluginSession session, Settings settings) {
        List<PluginConfigs.Problem> problems = new ArrayList<>();
        build(session, settings, problems);
        return problems;
    }

    /**
     * @param session  the plugin session, its configuration free of problems
     * @param settings the settings
     * @param problems where problems go
     * @return the plan, or empty when there are problems
     */
    static Optional<JobPlan> build(PluginSession session, Settings settings, List<PluginConfigs.Problem> problems) {
        String pluginId = session.plugin().id();
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("config", session.config().identityValues());
        identity.put("job", settings.job().name());
        if (settings.job() == Settings.Job.SYNC) {
            Optional<ResourceSync> sync = session.connector().resourceSync();
            if (sync.isEmpty()) {
                problems.add(new PluginConfigs.Problem(PlugboardConfig.JOB, "plugin '" + pluginId
                        + "' offers no resource sync (it offers " + session.plugin().descriptor().capabilities() + ")"));
                return Optional.empty();
            }
            List<String> types;
            try {
                types = SyncEngine.selectTypes(List.copyOf(sync.get().resourceTypes()), settings.types()).stream()
                        .map(ResourceType::id).toList();
            } catch (IllegalArgumentException e) {
                problems.add(new PluginConfigs.Problem(PlugboardConfig.TYPES, e.getMessage()));
                return Optional.empty();
            }
            return Optional.of(plan(pluginId, types, Optional.empty(), Map.of(), identity));
        }
        Optional<Reports> reports = session.connector().reports();
        if (reports.isEmpty()) {
            problems.add(new PluginConfigs.Problem(PlugboardConfig.JOB, "plugin '" + pluginId
                    + "' offers no reports (it offers " + session.plugin().descriptor().capabilities() + ")"));
            return Optional.empty();
        }
        ReportDefinition report;
        try {
            report = new ReportRunner(pluginId, reports.get(), Retrier.none())
                    .definition(settings.reportId().orElseThrow());
        } catch (IllegalArgumentException e) {
            problems.add(new PluginConfigs.Problem(PlugboardConfig.REPORT, e.getMessage()));
            return Optional.empty();
        }
        Optional<ObjectNode> document = PluginConfigs.parseObject(settings.reportParams(),
                PlugboardConfig.REPORT_PARAMS, problems);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> parameters;
        try {
            parameters = ReportParameters.resolve(report, Optional.of(document.get()), Map.of());
        } catch (ParameterException e) {
            if (e.errors().isEmpty()) {
                problems.add(new PluginConfigs.Problem(PlugboardConfig.REPORT_PARAMS, e.getMessage()));
            }
            e.errors().forEach(err -> problems.add(new PluginConfigs.Problem(PlugboardConfig.REPORT_PARAMS,
                    err.toString())));
            return Optional.empty();
        }
        identity.put("report", report.id());
        identity.put("parameters", parameters);
        return Optional.of(plan(pluginId, List.of(), Optional.of(report), parameters, identity));
    }

    private static JobPlan plan(String pluginId, List<String> types, Optional<ReportDefinition> report,
                                Map<String, Object> parameters, Map<String, Object> identity) {
        String digest = new SyncIdentity(pluginId, types, identity).configDigest(SyncRecords.CONFIG_SALT);
        return new JobPlan(types, report, parameters, digest, pluginId + "/" + digest.substring(0, 16));
    }
}
