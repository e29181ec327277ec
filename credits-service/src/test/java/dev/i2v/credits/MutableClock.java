package dev.i2v.credits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can move: real time plus an offset that only grows until reset, or frozen and stepped. */
public final class MutableClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Instant> frozen = new AtomicReference<>();

    /** Stops time at its current reading; only {@link #advance} moves it then. */
    public void freeze() {
        frozen.set(instant());
    }

    public void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
        frozen.updateAndGet(at -> at == null ? null : at.plus(by));
    }

    public void reset() {
        offset.set(Duration.ZERO);
        frozen.set(null);
    }

    /** In microseconds, as the services' clock and PostgreSQL. */
    @Override
    public Instant instant() {
        Instant at = frozen.get();
        return (at != null ? at : Instant.now().plus(offset.get())).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("tests use UTC");
    }
}
