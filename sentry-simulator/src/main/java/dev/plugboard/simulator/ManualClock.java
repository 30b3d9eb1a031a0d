package dev.plugboard.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until moved: give it to {@link SimulatorOptions.Builder#clock(Clock)} and
 * {@link #advance(Duration)} it between syncs or report runs, so data added by
 * {@link SentrySimulator#grow(dev.plugboard.simulator.model.DataGrowth.Request)} is newer than what was served
 * before, while every date stays reproducible. Thread-safe.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    private ManualClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock showing {@code start} until moved. */
    public static ManualClock at(Instant start) {
        return new ManualClock(start);
    }

    /** Moves the clock forward (or back, with a negative duration); the new instant. */
    public Instant advance(Duration by) {
        return now.updateAndGet(t -> t.plus(by));
    }

    /** Sets the clock to an instant. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock: it is always UTC. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
