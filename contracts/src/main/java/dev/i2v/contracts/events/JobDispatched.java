package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.Lane;

/**
 * A job handed to the workers: everything a worker needs to run it without asking anyone.
 *
 * @param attempt    the attempt this dispatch starts; a worker reports under this number
 * @param image      the input image: where it is stored, its type and size
 * @param resolution e.g. {@code 768P}
 * @param promptOptimizer whether the model's prompt optimizer is asked for
 */
public record JobDispatched(
        UUID eventId,
        UUID jobId,
        int attempt,
        UUID accountId,
        String model,
        String prompt,
        int durationSeconds,
        String resolution,
        Lane lane,
        InputImage image,
        Instant occurredAt,
        boolean promptOptimizer) {
}
