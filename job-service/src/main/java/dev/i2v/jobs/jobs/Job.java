package dev.i2v.jobs.jobs;

import java.time.Instant;
import java.util.UUID;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.jobs.problems.JobsException;

/**
 * A job: what was asked, what it costs, where it stands. Immutable; each change returns the next
 * version and refuses transitions the state machine does not allow.
 *
 * @param attempt  the attempt number: 1, then +1 for each retry
 * @param delivery the highest share-group delivery of this attempt that a worker started (0: none yet)
 */
public record Job(
        UUID id, UUID accountId, JobStatus status, String model, String prompt, int durationSeconds,
        String resolution, Lane lane, long cost, String imageKey, int progress, int attempt, int delivery,
        String workerId, VideoOutput output, String errorCode, String errorMessage, Instant createdAt,
        Instant startedAt, Instant finishedAt, Instant nextAttemptAt, String webhookUrl, boolean promptOptimizer) {

    /** A new job, queued for its first attempt. */
    public static Job queued(JobsApi.CreateJob request, Lane lane, Instant now) {
        return new Job(request.jobId(), request.accountId(), JobStatus.QUEUED, request.model(), request.prompt(),
                request.durationSeconds(), request.resolution(), lane, request.cost(), request.imageKey(), 0, 1, 0,
                null, null, null, null, now, null, null, null, request.webhookUrl(), request.promptOptimizer());
    }

    /** Whether a report of (attempt, delivery) is older than what the job knows: a stale worker's. */
    public boolean isStale(int reportAttempt, int reportDelivery) {
        return reportAttempt != attempt || reportDelivery < delivery;
    }

    /** A worker started this attempt's dispatch record, first or after another worker lost it. */
    public Job startedBy(String worker, int newDelivery, Instant now) {
        if (status == JobStatus.RUNNING) {
            return with(status, progress, attempt, newDelivery, worker, null, null, null, startedAt, null, null);
        }
        check(JobStatus.RUNNING);
        return with(JobStatus.RUNNING, 0, attempt, newDelivery, worker, null, null, null, now, null, null);
    }

    public Job progressTo(int percent) {
        int clamped = Math.max(progress, Math.min(99, percent)); // progress never goes back; 100 means done
        return with(status, clamped, attempt, delivery, workerId, output, errorCode, errorMessage, startedAt,
                finishedAt, nextAttemptAt);
    }

    public Job succeed(VideoOutput result, Instant now) {
        check(JobStatus.SUCCEEDED);
        return with(JobStatus.SUCCEEDED, 100, attempt, delivery, workerId, result, null, null, startedAt, now, null);
    }

    public Job fail(String code, String message, Instant now) {
        check(JobStatus.FAILED);
        return with(JobStatus.FAILED, progress, attempt, delivery, workerId, null, code, message, startedAt, now, null);
    }

    /** Back to the queue for the next attempt, not before {@code notBefore}. */
    public Job retryAt(Instant notBefore, String code, String message) {
        check(JobStatus.QUEUED);
        return with(JobStatus.QUEUED, 0, attempt + 1, 0, null, null, code, message, null, null, notBefore);
    }

    /** The retry's wait is over and its dispatch message is written. */
    public Job dispatched() {
        return with(status, progress, attempt, delivery, workerId, output, errorCode, errorMessage, startedAt,
                finishedAt, null);
    }

    public Job cancel(Instant now) {
        if (!status.canBecome(JobStatus.CANCELLED)) {
            throw new JobsException.JobNotCancellable(id, status.wireName());
        }
        return with(JobStatus.CANCELLED, progress, attempt, delivery, workerId, null, "cancelled",
                "cancelled by the client", startedAt, now, null);
    }

    /** Whether this content is what a create request asks for (an idempotent retry). */
    public boolean matches(JobsApi.CreateJob request) {
        return accountId.equals(request.accountId()) && imageKey.equals(request.imageKey())
                && cost == request.cost() && durationSeconds == request.durationSeconds();
    }

    public JobsApi.JobView view(Integer queuePosition) {
        return view(queuePosition, null);
    }

    public JobsApi.JobView view(Integer queuePosition, Integer etaSeconds) {
        return new JobsApi.JobView(id, accountId, status.wireName(), model, prompt, durationSeconds, resolution,
                lane.wireName(), cost, progress, attempt, createdAt, startedAt, finishedAt,
                errorCode == null || status == JobStatus.QUEUED || status == JobStatus.RUNNING ? null
                        : new JobsApi.JobError(errorCode, errorMessage), output, queuePosition, etaSeconds);
    }

    public JobsApi.JobView view() {
        return view(null, null);
    }

    private void check(JobStatus next) {
        if (!status.canBecome(next)) {
            throw new JobsException.IllegalJobTransition(id, status, next);
        }
    }

    private Job with(JobStatus newStatus, int newProgress, int newAttempt, int newDelivery, String worker,
                     VideoOutput result, String code, String message, Instant started, Instant finished,
                     Instant retryAt) {
        return new Job(id, accountId, newStatus, model, prompt, durationSeconds, resolution, lane, cost, imageKey,
                newProgress, newAttempt, newDelivery, worker, result, code, message, createdAt, started, finished,
                retryAt, webhookUrl, promptOptimizer);
    }
}
