package dev.plugboard.spi;

/** An optional capability a connector offers. The descriptor lists them; the connector exposes each. */
public enum Capability {
    /** {@link ResourceSync}: resource types, resources, entitlements and grants. */
    RESOURCE_SYNC,
    /** {@link Provisioning}: grant, revoke, create and delete accounts. */
    PROVISIONING,
    /** {@link Reports}: tabular reports. */
    REPORTS
}
