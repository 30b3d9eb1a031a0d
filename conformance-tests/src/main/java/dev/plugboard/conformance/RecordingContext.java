package dev.plugboard.conformance;

import dev.plugboard.spi.Cancellation;
import dev.plugboard.spi.ConnectorContext;
import dev.plugboard.spi.ConnectorLogger;
import dev.plugboard.spi.Limits;
import dev.plugboard.spi.Progress;
import java.time.Clock;

/**
 * The context the suite gives connectors: real limits and clock, and a logger and progress sink that record every
 * line, unmasked, so the hygiene check can see whether the plugin logs a secret.
 */
final class RecordingContext implements ConnectorContext {
    private final Transcript transcript;
    private final Limits limits;

    RecordingContext(Transcript transcript, Limits limits) {
        this.transcript = transcript;
        this.limits = limits;
    }

    @Override
    public ConnectorLogger logger() {
        return new ConnectorLogger() {
            @Override
            public void debug(String message) {
                transcript.add("log (debug)", message);
            }

            @Override
            public void info(String message) {
                transcript.add("log (info)", message);
            }

            @Override
            public void warn(String message) {
                transcript.add("log (warn)", message);
            }
        };
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public Limits limits() {
        return limits;
    }

    @Override
    public Progress progress() {
        return new Progress() {
            @Override
            public void requestCompleted(String operation) {
                transcript.add("progress (request)", operation);
            }

            @Override
            public void requestRetried(String reason) {
                transcript.add("progress (retry)", reason);
            }

            @Override
            public void status(String message) {
                transcript.add("progress (status)", message);
            }
        };
    }

    @Override
    public Cancellation cancellation() {
        return Cancellation.never();
    }
}
