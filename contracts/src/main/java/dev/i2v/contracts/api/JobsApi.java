package dev.i2v.contracts.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.VideoOutput;

/** Records of job-service's internal API. */
public final class JobsApi {

    private JobsApi() {
    }

    /**
     * {@code POST /internal/jobs}: records a job whose hold is placed; idempotent by id.
     *
     * @param lane            null: {@link Lane#DEFAULT}
     * @param image           the stored input image and what intake learned of it
     * @param webhookUrl      where the job's outcome is POSTed (Standard Webhooks), or null
     * @param promptOptimizer whether the provider should rewrite the prompt (where it can)
     */
    public record CreateJob(UUID jobId, UUID accountId, String model, String prompt, int durationSeconds,
                            String resolution, Lane lane, long cost, InputImage image, String webhookUrl,
                            boolean promptOptimizer) {
    }

    /** {@code GET /internal/accounts/{id}/webhook-secret}: the account's webhook signing secret. */
    public record WebhookSecret(String secret) {
    }

    /**
     * {@code GET /internal/jobs/{id}}.
     *
     * @param queuePosition while queued: how many jobs start before this one (0 = next); else null
     * @param etaSeconds    while queued: a rough estimate of when it finishes, from recent run times
     */
    public record JobView(UUID id, UUID accountId, JobStatus status, String model, String prompt,
                          int durationSeconds, String resolution, Lane lane, long cost, int progress,
                          int attempt, Instant createdAt, Instant startedAt, Instant finishedAt,
                          JobError error, VideoOutput output, Integer queuePosition, Integer etaSeconds) {
    }

    /** One state change in a job's history (its {@code job_transitions} rows). */
    public record Transition(JobStatus from, JobStatus to, int attempt, String reason, Instant at) {
    }

    public record JobError(String code, String message) {
    }

    /**
     * {@code DELETE /internal/jobs/{id}}: the job is hidden from its owner from now on (cancelled first if it
     * had not finished, so its hold is released); {@code objectKeys} are its stored files, for the caller that
     * owns the object store to remove.
     */
    public record DeletedJob(UUID id, List<String> objectKeys) {
    }

}
