package dev.plugboard.host.runtime;

import dev.plugboard.host.config.SecretMasker;
import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.Progress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link ConnectorContext} the host gives one connector for one command. */
public final class HostContext implements ConnectorContext {
    private final ConnectorLogger logger;
    private final Clock clock;
    private final Limits limits;
    private final RequestCounter progress = new RequestCounter();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /**
     * @param pluginId the plugin's id (names its logger)
     * @param masker   masks the configuration's secrets in log lines
     * @param limits   the limits for this run
     * @param clock    the clock
     */
    public HostContext(String pluginId, SecretMasker masker, Limits limits, Clock clock) {
        this.logger = new MaskingLogger(pluginId, masker);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ConnectorLogger logger() {
        return logger;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Progress progress() {
        return progress;
    }

    /** @return the same progress sink, with its counts */
    public RequestCounter requests() {
        return progress;
    }

    @Override
    public Cancellation cancellation() {
        return cancelled::get;
    }

    /** Asks the connector to stop its current work. */
    public void cancel() {
        cancelled.set(true);
    }
}
