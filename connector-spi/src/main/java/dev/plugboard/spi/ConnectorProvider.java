package dev.plugboard.spi;

import java.util.List;
import java.util.Optional;

/**
 * The one entry point of a plugin, found by {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.plugboard.spi.ConnectorProvider}. It needs a public no-argument constructor that
 * does no I/O; the host may create it only to show its descriptor.
 */
public interface ConnectorProvider {

    /** @return what this plugin is; cheap, constant and never failing */
    ConnectorDescriptor descriptor();

    /**
     * Opens a connector. The host has already validated {@code config} against the descriptor's schema and resolved
     * any references in it. Opening does no remote call: {@link Connector#check()} is where the remote system is
     * first contacted.
     *
     * @param config  the configuration
     * @param context what the host offers the connector
     * @return an open connector, which the host closes
     * @throws ConnectorException of kind {@link ErrorKind#CONFIG} when the configuration cannot work
     */
    Connector open(ConnectorConfig config, ConnectorContext context);

    /**
     * The reports its connectors offer, without opening one, so the host can list them with no configuration
     * ({@code plugboard reports PLUGIN}). Like {@link #descriptor()}, it is cheap and does no I/O.
     *
     * <p>When present, the list must equal {@link Reports#definitions()} of every connector this provider opens
     * (the conformance suite checks it). The default, for plugins that cannot tell before they are configured (and
     * every plugin built against SPI 1.0), is empty: the host then opens a connector to list the reports.
     *
     * @return the report definitions, in the connector's order (an empty list for a plugin without reports), or
     *         empty when only an open connector can tell
     * @since SPI 1.1
     */
    default Optional<List<ReportDefinition>> reportDefinitions() {
        return Optional.empty();
    }
}
