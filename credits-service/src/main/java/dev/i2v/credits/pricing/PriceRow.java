package dev.i2v.credits.pricing;

import java.time.Instant;

/**
 * One row of the price table: the points a job of exactly this model, duration, resolution and lane costs, in place
 * of the default rule.
 */
public record PriceRow(String model, int durationSeconds, String resolution, String lane, long points,
                       Instant updatedAt) {
}
