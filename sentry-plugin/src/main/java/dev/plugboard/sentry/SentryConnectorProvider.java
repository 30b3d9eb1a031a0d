package dev.plugboard.sentry;

import dev.plugboard.sentry.http.Tuning;
import dev.plugboard.sentry.reports.SentryReports;
import dev.plugboard.spi.Capability;
import dev.plugboard.spi.Connector;
import dev.plugboard.spi.ConnectorConfig;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorDescriptor;
import dev.plugboard.spi.ConnectorProvider;
import dev.plugboard.spi.ReportDefinition;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Sentry plugin's entry point, registered in {@code META-INF/services/dev.plugboard.spi.ConnectorProvider}.
 * Constructing it does no I/O; {@link #open} starts the connector's own event loop but contacts nobody.
 *
 * <p>Default concurrency is 8: Sentry allows 25 concurrent requests and about 40 per window per endpoint, so 8
 * keeps the independent listings (members, teams, projects, team members) in parallel while leaving room for
 * other clients of the same token; the rate-limit pacer slows down further when the headers say so.
 */
public final class SentryConnectorProvider implements ConnectorProvider {
    /** Where the connector's model and configuration are documented. */
    static final String DOCUMENTATION_URL = "https://github.com/plugboard-dev/plugboard/tree/main/sentry-plugin#readme";
    static final int DEFAULT_CONCURRENCY = 8;

    private final ConnectorDescriptor descriptor;

    /** Reads the bundled descriptor values; no I/O beyond the plugin's own class path. */
    public SentryConnectorProvider() {
        PluginInfo info = PluginInfo.load();
        this.descriptor = new ConnectorDescriptor("sentry", "Sentry", info.version(), info.spiVersion(),
                Set.of(Capability.RESOURCE_SYNC, Capability.REPORTS, Capability.PROVISIONING), Optional.of(DOCUMENTATION_URL),
                info.configSchema(),
                DEFAULT_CONCURRENCY);
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return descriptor;
    }

    /** @return the sixteen reports, the same as an open connector's: they do not depend on the configuration */
    @Override
    public Optional<List<ReportDefinition>> reportDefinitions() {
        return Optional.of(SentryReports.catalog());
    }

    @Override
    public Connector open(ConnectorConfig config, ConnectorContext context) {
        SentryConfig sentryConfig = SentryConfig.from(config);
        return SentryConnector.open(sentryConfig, context, Tuning.defaults());
    }
}
