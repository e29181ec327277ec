package dev.i2v.jobs.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a transiently failed attempt is tried again: exponential backoff, base × 2^(attempt-1), capped, times a
 * random factor in [0.5, 1.5), until {@code maxAttempts} attempts have been made.
 *
 * @param random in [0, 1); tests pass a fixed one
 */
public record RetryPolicy(int maxAttempts, Duration backoff, Duration maxBackoff, DoubleSupplier random) {

    /** When attempt {@code attempt + 1} may start, or empty when {@code attempt} was the last allowed. */
    public Optional<Instant> nextAttemptAt(int attempt, Instant now) {
        if (attempt >= maxAttempts) {
            return Optional.empty();
        }
        long base = backoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        return Optional.of(now.plusMillis((long) (capped * (0.5 + random.getAsDouble()))));
    }
}
