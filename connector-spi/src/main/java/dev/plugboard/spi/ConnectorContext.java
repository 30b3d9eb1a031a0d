package dev.plugboard.spi;

import java.time.Clock;

/**
 * What the host gives a connector: use these instead of static globals, so the host can run several connectors in
 * one process, mask secrets in logs, cancel work and count requests.
 */
public interface ConnectorContext {

    /** @return where to log; the host masks secrets and routes the lines */
    ConnectorLogger logger();

    /** @return the clock to read time from (tests pin it) */
    Clock clock();

    /** @return the limits the connector must stay within */
    Limits limits();

    /** @return where to report progress and requests made */
    Progress progress();

    /** @return whether the host has asked the work to stop */
    Cancellation cancellation();
}
