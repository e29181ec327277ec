package dev.i2v.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Something another service owns, read from it at most every {@code freshness}: between reads the last value read is
 * answered. A read that fails keeps the last value and is tried again after {@code freshness}, not on every call
 * while the other service is down; a read that answers empty (the service has nothing to say yet, e.g. it has not
 * seeded its data) keeps the last value too. Before any read succeeded, {@code initial} stands in.
 *
 * @param <T> an immutable value
 */
public final class FreshSnapshot<T> {

    private static final Logger log = LoggerFactory.getLogger(FreshSnapshot.class);

    private final String what;
    private final Duration freshness;
    private final Clock clock;
    private final Supplier<Optional<T>> reader;
    private volatile Read<T> last;

    /**
     * @param what   names the value in the warning a failed read logs
     * @param reader reads the value; may throw (the last value stays) or answer empty (likewise)
     */
    public FreshSnapshot(String what, T initial, Duration freshness, Clock clock, Supplier<Optional<T>> reader) {
        this.what = what;
        this.freshness = freshness;
        this.clock = clock;
        this.reader = reader;
        this.last = new Read<>(initial, Instant.EPOCH);
    }

    /** The value, read again first if the last read is older than the freshness. */
    public T get() {
        Read<T> seen = last;
        Instant now = clock.instant();
        if (seen.at().plus(freshness).isAfter(now)) {
            return seen.value();
        }
        T value = seen.value();
        try {
            value = reader.get().orElse(seen.value());
        } catch (RuntimeException e) {
            log.warn("{} could not be read; the last one read stays: {}", what, e.toString());
        }
        last = new Read<>(value, now);
        return value;
    }

    /** The next {@link #get()} reads again (after this process changed the value at its owner). */
    public void invalidate() {
        last = new Read<>(last.value(), Instant.EPOCH);
    }

    private record Read<T>(T value, Instant at) {
    }
}
