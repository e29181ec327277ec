package dev.i2v.jobs.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.problems.JobsException;

/**
 * A job: what was asked, what it costs, and its {@link JobState}. Immutable; each transition returns a
 * {@link JobChange} with the next version and the messages that follow from it, and refuses transitions the
 * state machine does not allow.
 *
 * @param lane    never null: a request without one gets {@link Lane#DEFAULT}
 * @param attempt the attempt number: 1, then +1 for each retry
 * @param watermark whether its plan shows results watermarked (its worker then makes that rendition)
 */
public record Job(
        UUID id, UUID accountId, String model, String prompt, int durationSeconds, String resolution, Lane lane,
        long cost, InputImage image, String webhookUrl, boolean promptOptimizer, boolean watermark, Instant createdAt,
        int attempt, JobState state) {

    /**
     * A new job, queued for its first attempt. It is not dispatched yet: the scheduler admits it ({@link #admit})
     * when it may start.
     */
    public static JobChange submitted(JobsApi.CreateJob request, Instant now) {
        Job job = new Job(request.jobId(), request.accountId(), request.model(), request.prompt(),
                request.durationSeconds(), request.resolution(), request.lane() == null ? Lane.DEFAULT : request.lane(),
                request.cost(), request.image(), request.webhookUrl(), request.promptOptimizer(),
                request.watermarked(), now, 1,
                JobState.Queued.FIRST);
        return new JobChange(null, job, "submitted", List.of());
    }

    /** The scheduler lets the queued job start: its dispatch record is written for the workers. */
    public JobChange admit(Instant now) {
        if (!(state instanceof JobState.Queued q) || q.notBefore() != null) {
            throw new JobsException.IllegalJobTransition(id, status(), "admitted");
        }
        return to(attempt, state, "admitted", dispatch(now));
    }

    public JobStatus status() {
        return state.status();
    }

    public int progress() {
        return state.progress();
    }

    /** The highest share-group delivery of this attempt that a worker started (0: none yet). */
    public int delivery() {
        return state.delivery();
    }

    /** Whether a report of (attempt, delivery) is older than what the job knows: a stale worker's. */
    public boolean isStale(int reportAttempt, int reportDelivery) {
        return reportAttempt != attempt || reportDelivery < delivery();
    }

    /**
     * What a worker's report does to the job, in order: nothing for a finished job or a stale worker's report;
     * else a start (the first, or a takeover by a newer delivery, even if its start report was lost), then the
     * report's own change.
     */
    public List<JobChange> onReport(WorkEvent report, RetryPolicy retries, Instant now) {
        List<JobChange> changes = new ArrayList<>();
        if (status().terminal() || isStale(report.attempt(), report.delivery())) {
            return changes;
        }
        Job running = this;
        if (status() != JobStatus.RUNNING || report.delivery() != delivery()) {
            String worker = report instanceof WorkEvent.WorkStarted s ? s.workerId() : state.workerId();
            JobChange start = start(worker, report.delivery(), now);
            changes.add(start);
            running = start.after();
        }
        switch (report) {
            case WorkEvent.WorkStarted ignored -> { }
            case WorkEvent.WorkProgressed p -> running.progressTo(p.progress(), now).ifPresent(changes::add);
            case WorkEvent.WorkSucceeded s -> changes.add(running.succeed(s.output(), now));
            case WorkEvent.WorkFailed f -> changes.add(running.failOrRetry(f, retries, now));
        }
        return changes;
    }

    /**
     * Whether a worker may claim this attempt now: the attempt is current and queued for a worker (not waiting for a
     * retry's backoff) or running (a takeover; the caller checks the lease).
     */
    public boolean claimable(int claimedAttempt) {
        return claimedAttempt == attempt && (status() == JobStatus.RUNNING
                || state instanceof JobState.Queued q && q.notBefore() == null);
    }

    /**
     * A worker claimed the attempt: it starts, or takes over from a worker whose lease ended. Each claim is a new
     * delivery, which fences the reports of every older one.
     */
    public JobChange claim(String worker, Instant now) {
        if (!claimable(attempt)) {
            throw new JobsException.AttemptNotLive(id, attempt);
        }
        return start(worker, delivery() + 1, now);
    }

    /** The running attempt's lease ended without an outcome: its dispatch record is written again for another worker. */
    JobChange redispatch(String why, Instant now) {
        running();
        return to(attempt, state, why, dispatch(now));
    }

    /** A worker started this attempt's dispatch record: the first time, or after another worker lost it. */
    JobChange start(String worker, int newDelivery, Instant now) {
        if (state instanceof JobState.Running r) {
            return to(attempt, new JobState.Running(worker, newDelivery, r.startedAt(), r.progress()),
                    "taken over after a lost lease");
        }
        check(JobStatus.RUNNING);
        return to(attempt, new JobState.Running(worker, newDelivery, now, 0), "started",
                announce(new JobEvent.JobStarted(UUID.randomUUID(), id, accountId, attempt, now)));
    }

    /** Progress never goes back; 100 means done, so a running job stays below it. Empty when nothing moved. */
    Optional<JobChange> progressTo(int percent, Instant now) {
        JobState.Running r = running();
        int clamped = Math.max(r.progress(), Math.min(99, percent));
        if (clamped == r.progress()) {
            return Optional.empty();
        }
        return Optional.of(to(attempt, new JobState.Running(r.workerId(), r.delivery(), r.startedAt(), clamped),
                "progress", announce(new JobEvent.JobProgressed(UUID.randomUUID(), id, accountId, attempt, clamped, now))));
    }

    JobChange succeed(VideoOutput output, Instant now) {
        check(JobStatus.SUCCEEDED);
        return finish(new JobState.Succeeded(state.workerId(), delivery(), state.startedAt(), now, output), "succeeded",
                new JobEvent.JobSucceeded(UUID.randomUUID(), id, accountId, cost, output, now));
    }

    /** Fails the job for good; {@code reason} is e.g. {@code failed} or {@code timeout}. */
    JobChange fail(String code, String message, Instant now, String reason) {
        check(JobStatus.FAILED);
        return finish(new JobState.Failed(state.workerId(), delivery(), state.startedAt(), now, progress(),
                        new JobsApi.JobError(code, message)), reason,
                new JobEvent.JobFailed(UUID.randomUUID(), id, accountId, code, message, now));
    }

    /**
     * Fails a running job without its worker's report (it ran too long, or its claims kept dying): a task its attempt
     * has at a provider is abandoned, since no worker will collect it.
     */
    JobChange failUnreported(String code, String message, Instant now, String reason) {
        running();
        return fail(code, message, now, reason).with(new JobChange.AbandonTask());
    }

    /** A transient failure is retried while attempts remain; anything else fails the job. */
    JobChange failOrRetry(WorkEvent.WorkFailed failed, RetryPolicy retries, Instant now) {
        if (failed.retryable()) {
            Optional<Instant> next = retries.nextAttemptAt(attempt, now);
            if (next.isPresent()) {
                return retryAt(next.get(), failed.errorCode(), failed.message(), now);
            }
            return fail(failed.errorCode(), failed.message() + " (gave up after " + attempt + " attempts)", now, "failed");
        }
        return fail(failed.errorCode(), failed.message(), now, "failed");
    }

    /** Back to the queue for the next attempt, not before {@code notBefore}. */
    JobChange retryAt(Instant notBefore, String code, String message, Instant now) {
        check(JobStatus.QUEUED);
        return to(attempt + 1, new JobState.Queued(notBefore, new JobsApi.JobError(code, message)), "retry after " + code,
                announce(new JobEvent.JobRetryScheduled(UUID.randomUUID(), id, accountId, attempt + 1, notBefore, code,
                        now)));
    }

    /** The retry's wait is over: its dispatch record is written. */
    JobChange dispatchRetry(Instant now) {
        if (!(state instanceof JobState.Queued q) || q.notBefore() == null) {
            throw new JobsException.IllegalJobTransition(id, status(), "dispatched");
        }
        // the dispatch record carries what was asked and the attempt, none of which the state change touches
        return to(attempt, new JobState.Queued(null, q.lastError()), "retry dispatched", dispatch(now));
    }

    /** Cancelling a cancelled job changes nothing (empty); any other finished job is not cancellable. */
    Optional<JobChange> cancel(Instant now) {
        if (status() == JobStatus.CANCELLED) {
            return Optional.empty();
        }
        if (!status().canBecome(JobStatus.CANCELLED)) {
            throw new JobsException.JobNotCancellable(id, status().wireName());
        }
        JobChange cancelled = finish(new JobState.Cancelled(state.workerId(), delivery(), state.startedAt(), now,
                progress()), "cancelled", new JobEvent.JobCancelled(UUID.randomUUID(), id, accountId, now));
        // a queued job's attempt has no task yet (a retry is a new attempt); a running one's may
        return Optional.of(status() == JobStatus.RUNNING ? cancelled.with(new JobChange.AbandonTask()) : cancelled);
    }

    /** Whether this content is what a create request asks for (an idempotent retry). */
    public boolean matches(JobsApi.CreateJob request) {
        return accountId.equals(request.accountId()) && request.image() != null
                && image.key().equals(request.image().key()) && cost == request.cost()
                && durationSeconds == request.durationSeconds();
    }

    public JobsApi.JobView view() {
        return view(null, null);
    }

    public JobsApi.JobView view(Integer queuePosition, Integer etaSeconds) {
        VideoOutput output = state instanceof JobState.Succeeded s ? s.output() : null;
        return new JobsApi.JobView(id, accountId, status(), model, prompt, durationSeconds, resolution, lane, cost,
                progress(), attempt, createdAt, state.startedAt(), state.finishedAt(), state.error(), output,
                queuePosition, etaSeconds);
    }

    private JobState.Running running() {
        if (state instanceof JobState.Running r) {
            return r;
        }
        throw new JobsException.IllegalJobTransition(id, status(), JobStatus.RUNNING);
    }

    private void check(JobStatus next) {
        if (!status().canBecome(next)) {
            throw new JobsException.IllegalJobTransition(id, status(), next);
        }
    }

    /** A terminal change: credits settles the hold from the event, and the webhook (if any) is told. */
    private JobChange finish(JobState end, String reason, JobEvent event) {
        JobChange change = to(attempt, end, reason);
        if (webhookUrl != null) {
            change = change.with(new JobChange.Webhook(webhookUrl, "video." + end.status().wireName(),
                    change.after().webhookData()));
        }
        return change.with(announce(event));
    }

    private JobChange to(int newAttempt, JobState next, String reason, JobChange.Message... messages) {
        Job after = new Job(id, accountId, model, prompt, durationSeconds, resolution, lane, cost, image, webhookUrl,
                promptOptimizer, watermark, createdAt, newAttempt, next);
        return new JobChange(this, after, reason, List.of(messages));
    }

    private JobChange.Dispatch dispatch(Instant now) {
        return new JobChange.Dispatch(new JobDispatched(UUID.randomUUID(), id, attempt, accountId, model, prompt,
                durationSeconds, resolution, lane, image, now, promptOptimizer, watermark));
    }

    private static JobChange.Announce announce(JobEvent event) {
        return new JobChange.Announce(event);
    }

    private Map<String, Object> webhookData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id.toString());
        data.put("status", status().wireName());
        data.put("model", model);
        data.put("cost", cost);
        JobsApi.JobError error = state.error();
        if (error != null) {
            data.put("error", Map.of("code", error.code(), "message", String.valueOf(error.message())));
        }
        if (state instanceof JobState.Succeeded s && s.output() != null) {
            data.put("output", Map.of("content_url", ObjectKeys.contentPath(id),
                    "width", s.output().width(), "height", s.output().height(),
                    "duration", s.output().durationSeconds()));
        }
        return data;
    }
}
