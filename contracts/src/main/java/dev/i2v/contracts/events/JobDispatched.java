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
 * @param watermark  whether the job's plan shows results watermarked: the worker makes that rendition beside the
 *                   clean video only then (a plan that changes later gets it made on first download); null (a
 *                   record from before this field): made
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
        boolean promptOptimizer,
        Boolean watermark) {

    /** Whether the worker makes the watermarked rendition. */
    public boolean watermarked() {
        return !Boolean.FALSE.equals(watermark);
    }
}
