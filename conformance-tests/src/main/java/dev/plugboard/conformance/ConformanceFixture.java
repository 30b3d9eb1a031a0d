package dev.plugboard.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a plugin's conformance test gives the suite: the plugin's built jar, a configuration that works against the
 * test's backend (a simulator, WireMock, a file), and optionally configurations that must fail, parameters for
 * reports and a grant to round-trip. Build one with {@link #builder(Path, String)}.
 *
 * @param pluginJar          the plugin's built jar (e.g. {@code target/my-plugin.jar}); the suite loads it through
 *                           the host's real plugin loader, from a copy in a folder of its own
 * @param pluginId           the plugin id, when the jar holds more than one provider
 * @param workingConfig      a configuration (JSON object text) that passes validation and {@code check()}
 * @param badConfigs         configurations the plugin must reject
 * @param badCredential      a schema-valid configuration whose credential the backend refuses: {@code check()} must
 *                           answer error findings for it, without throwing
 * @param reportParameters   parameters (JSON object text) per report id; reports not named run with {@code {}}
 * @param provisioning       the grant the provisioning check makes and revokes
 * @param secrets            more values that must never appear in any output (the values of the config
 *                           properties the schema marks secret are always included)
 * @param maxPagesPerListing the most pages one listing may take before the suite calls its tokens endless
 * @param reportPages        how many pages of each report the suite reads
 * @param callTimeout        how long the suite waits for one call before failing it
 * @param threadGrace        how long threads may take to end after {@code close()}
 * @param inputs             how messages name these inputs (builder calls, or {@code plugboard conformance}'s
 *                           options)
 */
public record ConformanceFixture(
        Path pluginJar,
        Optional<String> pluginId,
        String workingConfig,
        List<BadConfig> badConfigs,
        Optional<String> badCredential,
        Map<String, String> reportParameters,
        Optional<ProvisioningProbe> provisioning,
        Set<String> secrets,
        int maxPagesPerListing,
        int reportPages,
        Duration callTimeout,
        Duration threadGrace,
        FixtureInputs inputs) {

    /** Checks and copies. */
    public ConformanceFixture {
        Objects.requireNonNull(pluginJar, "pluginJar");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(workingConfig, "workingConfig");
        Json.object(workingConfig, "the working config");
        badConfigs = List.copyOf(badConfigs);
        Objects.requireNonNull(badCredential, "badCredential");
        badCredential.ifPresent(c -> Json.object(c, "the bad-credential config"));
        reportParameters = Map.copyOf(reportParameters);
        reportParameters.forEach((id, json) -> Json.object(json, "the parameters of report " + id));
        Objects.requireNonNull(provisioning, "provisioning");
        secrets = Set.copyOf(secrets);
        if (maxPagesPerListing < 1 || reportPages < 1) {
            throw new IllegalArgumentException("maxPagesPerListing and reportPages must be at least 1");
        }
        if (callTimeout.isNegative() || callTimeout.isZero() || threadGrace.isNegative()) {
            throw new IllegalArgumentException("callTimeout must be positive and threadGrace not negative");
        }
        Objects.requireNonNull(inputs, "inputs");
    }

    /** The fixture of a plugin's own conformance test, its inputs named as builder calls (the former constructor). */
    public ConformanceFixture(Path pluginJar, Optional<String> pluginId, String workingConfig,
                              List<BadConfig> badConfigs, Optional<String> badCredential,
                              Map<String, String> reportParameters, Optional<ProvisioningProbe> provisioning,
                              Set<String> secrets, int maxPagesPerListing, int reportPages, Duration callTimeout,
                              Duration threadGrace) {
        this(pluginJar, pluginId, workingConfig, badConfigs, badCredential, reportParameters, provisioning, secrets,
                maxPagesPerListing, reportPages, callTimeout, threadGrace, FixtureInputs.JAVA);
    }

    /**
     * @param pluginJar     the plugin's built jar
     * @param workingConfig a configuration (JSON object text) that works against the test's backend
     * @return a builder with no bad configs, no bad credential, no report parameters and no provisioning probe
     */
    public static Builder builder(Path pluginJar, String workingConfig) {
        return new Builder(pluginJar, workingConfig);
    }

    /**
     * @param pluginJar     the plugin's built jar
     * @param workingConfig a configuration as JDK values ({@code Map}, {@code List}, {@code String}, numbers, booleans)
     * @return a builder
     */
    public static Builder builder(Path pluginJar, Map<String, ?> workingConfig) {
        return new Builder(pluginJar, Json.text(workingConfig));
    }

    /** Builds a {@link ConformanceFixture}. */
    public static final class Builder {
        private final Path pluginJar;
        private final String workingConfig;
        private Optional<String> pluginId = Optional.empty();
        private final List<BadConfig> badConfigs = new ArrayList<>();
        private Optional<String> badCredential = Optional.empty();
        private final Map<String, String> reportParameters = new LinkedHashMap<>();
        private Optional<ProvisioningProbe> provisioning = Optional.empty();
        private final Set<String> secrets = new LinkedHashSet<>();
        private int maxPagesPerListing = 10_000;
        private int reportPages = 2;
        private Duration callTimeout = Duration.ofSeconds(60);
        private Duration threadGrace = Duration.ofSeconds(5);
        private FixtureInputs inputs = FixtureInputs.JAVA;

        private Builder(Path pluginJar, String workingConfig) {
            this.pluginJar = pluginJar;
            this.workingConfig = workingConfig;
        }

        /** @param id the plugin id to test, when the jar holds several providers */
        public Builder pluginId(String id) {
            this.pluginId = Optional.of(id);
            return this;
        }

        /** Adds a configuration the plugin must reject. */
        public Builder badConfig(String description, String json) {
            badConfigs.add(new BadConfig(description, json));
            return this;
        }

        /** Adds a configuration the plugin must reject. */
        public Builder badConfig(String description, Map<String, ?> config) {
            return badConfig(description, Json.text(config));
        }

        /** Sets a schema-valid configuration whose credential the backend refuses. */
        public Builder badCredential(String json) {
            this.badCredential = Optional.of(json);
            return this;
        }

        /** Sets a schema-valid configuration whose credential the backend refuses. */
        public Builder badCredential(Map<String, ?> config) {
            return badCredential(Json.text(config));
        }

        /** Sets the parameters (a JSON object text) the reports check runs a report with. */
        public Builder reportParameters(String reportId, String json) {
            reportParameters.put(reportId, json);
            return this;
        }

        /** Sets the parameters the reports check runs a report with. */
        public Builder reportParameters(String reportId, Map<String, ?> parameters) {
            return reportParameters(reportId, Json.text(parameters));
        }

        /** Sets the grant the provisioning check makes, sees in a sync, revokes, and sees gone. */
        public Builder provisioning(String entitlementId, dev.plugboard.spi.ResourceRef principal) {
            this.provisioning = Optional.of(new ProvisioningProbe(entitlementId, principal));
            return this;
        }

        /** Adds values that must never appear in any output (tokens the backend knows, for example). */
        public Builder secrets(String... values) {
            secrets.addAll(List.of(values));
            return this;
        }

        /** Sets the most pages one listing may take (default 10,000). */
        public Builder maxPagesPerListing(int pages) {
            this.maxPagesPerListing = pages;
            return this;
        }

        /** Sets how many pages of each report to read (default 2). */
        public Builder reportPages(int pages) {
            this.reportPages = pages;
            return this;
        }

        /** Sets how long to wait for one call (default 60 s). */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout;
            return this;
        }

        /** Sets how long threads may take to end after close (default 5 s). */
        public Builder threadGrace(Duration grace) {
            this.threadGrace = grace;
            return this;
        }

        /** Sets how messages name the inputs (default: as the calls of this builder). */
        public Builder inputs(FixtureInputs names) {
            this.inputs = names;
            return this;
        }

        /** @return the fixture */
        public ConformanceFixture build() {
            return new ConformanceFixture(pluginJar, pluginId, workingConfig, badConfigs, badCredential,
                    reportParameters, provisioning, secrets, maxPagesPerListing, reportPages, callTimeout, threadGrace,
                    inputs);
        }
    }
}
