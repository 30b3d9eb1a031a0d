package dev.plugboard.spi;

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
}
