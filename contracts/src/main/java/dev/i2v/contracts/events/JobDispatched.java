package dev.i2v.contracts.events;

import java.time.Instant;
import java.util.UUID;

import dev.i2v.contracts.Lane;

/**
 * A job handed to the workers: everything a worker needs to run it without asking anyone.
 *
 * @param attempt    the attempt this dispatch starts; a worker reports under this number
 * @param imageKey   the input image in the object store
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
        String imageKey,
        Instant occurredAt,
        boolean promptOptimizer) {

    /** A dispatch without the prompt optimizer. */
    public JobDispatched(UUID eventId, UUID jobId, int attempt, UUID accountId, String model, String prompt,
                         int durationSeconds, String resolution, Lane lane, String imageKey, Instant occurredAt) {
        this(eventId, jobId, attempt, accountId, model, prompt, durationSeconds, resolution, lane, imageKey, occurredAt,
                false);
    }
}
