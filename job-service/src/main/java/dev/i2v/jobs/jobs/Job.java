package dev.i2v.jobs.jobs;

import java.time.Instant;
import java.util.UUID;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.jobs.problems.JobsException;

/**
 * A job: what was asked, what it costs, where it stands. Immutable; each state change returns the
 * next version and refuses transitions the state machine does not allow.
 */
public record Job(
        UUID id, UUID accountId, JobStatus status, String model, String prompt, int durationSeconds,
        String resolution, Lane lane, long cost, String imageKey, int progress, int attempt, String workerId,
        VideoOutput output, String errorCode, String errorMessage, Instant createdAt, Instant startedAt,
        Instant finishedAt) {

    /** A new job, queued for its first attempt. */
    public static Job queued(JobsApi.CreateJob request, Lane lane, Instant now) {
        return new Job(request.jobId(), request.accountId(), JobStatus.QUEUED, request.model(), request.prompt(),
                request.durationSeconds(), request.resolution(), lane, request.cost(), request.imageKey(), 0, 1,
                null, null, null, null, now, null, null);
    }

    public Job start(String worker, Instant now) {
        return to(JobStatus.RUNNING, 0, worker, null, null, null, now, null);
    }

    public Job progressTo(int percent) {
        int clamped = Math.max(progress, Math.min(99, percent)); // progress never goes back; 100 means done
        return new Job(id, accountId, status, model, prompt, durationSeconds, resolution, lane, cost, imageKey,
                clamped, attempt, workerId, output, errorCode, errorMessage, createdAt, startedAt, finishedAt);
    }

    public Job succeed(VideoOutput result, Instant now) {
        return to(JobStatus.SUCCEEDED, 100, workerId, result, null, null, startedAt, now);
    }

    public Job fail(String code, String message, Instant now) {
        return to(JobStatus.FAILED, progress, workerId, null, code, message, startedAt, now);
    }

    /** Whether this content is what a create request asks for (an idempotent retry). */
    public boolean matches(JobsApi.CreateJob request) {
        return accountId.equals(request.accountId()) && imageKey.equals(request.imageKey())
                && cost == request.cost() && durationSeconds == request.durationSeconds();
    }

    public JobsApi.JobView view() {
        return new JobsApi.JobView(id, accountId, status.wireName(), model, prompt, durationSeconds, resolution,
                lane.wireName(), cost, progress, attempt, createdAt, startedAt, finishedAt,
                errorCode == null ? null : new JobsApi.JobError(errorCode, errorMessage), output);
    }

    private Job to(JobStatus next, int newProgress, String worker, VideoOutput result, String code, String message,
                   Instant started, Instant finished) {
        if (!status.canBecome(next)) {
            throw new JobsException.IllegalJobTransition(id, status, next);
        }
        return new Job(id, accountId, next, model, prompt, durationSeconds, resolution, lane, cost, imageKey,
                newProgress, attempt, worker, result, code, message, createdAt, started, finished);
    }
}
