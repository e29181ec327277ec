package dev.i2v.jobs.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.JobsProperties;
import dev.i2v.jobs.jobs.Job;
import dev.i2v.jobs.jobs.JobMessages;
import dev.i2v.jobs.jobs.JobRepository;
import dev.i2v.jobs.jobs.JobStatus;

/**
 * Moves a job along its state machine from what its worker reports, announcing each change. Reports
 * of an older (attempt, delivery) than the job's are a stale worker's and are ignored; so is any
 * report about a finished job. Transient failures are retried with exponential backoff and jitter up
 * to the configured number of attempts; permanent ones fail the job at once.
 */
@Service
public class ApplyWorkReportService {

    private static final Logger log = LoggerFactory.getLogger(ApplyWorkReportService.class);

    private final JobRepository jobs;
    private final JobMessages messages;
    private final JobsProperties properties;
    private final Clock clock;

    ApplyWorkReportService(JobRepository jobs, JobMessages messages, JobsProperties properties, Clock clock) {
        this.jobs = jobs;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public void apply(WorkEvent report) {
        Optional<Job> found = jobs.lock(report.jobId());
        if (found.isEmpty()) {
            log.warn("report {} for unknown job {} ignored", report.getClass().getSimpleName(), report.jobId());
            return;
        }
        Job job = found.get();
        if (job.status().terminal() || job.isStale(report.attempt(), report.delivery())) {
            log.info("report {} of attempt {}/{} for job {} ({}, attempt {}/{}) ignored",
                    report.getClass().getSimpleName(), report.attempt(), report.delivery(), job.id(), job.status(),
                    job.attempt(), job.delivery());
            return;
        }
        Job running = ensureStarted(job, report);
        if (report instanceof WorkEvent.WorkProgressed progressed) {
            Job next = running.progressTo(progressed.progress());
            if (next.progress() != running.progress()) {
                save(running, next, "progress");
                messages.progressed(next);
            }
        } else if (report instanceof WorkEvent.WorkSucceeded succeeded) {
            messages.finished(save(running, running.succeed(succeeded.output(), clock.instant()), "succeeded"));
        } else if (report instanceof WorkEvent.WorkFailed failed) {
            failOrRetry(running, failed);
        }
    }

    /** Any report of a newer delivery means a worker started it, even if its start report was not seen. */
    private Job ensureStarted(Job job, WorkEvent report) {
        if (job.status() == JobStatus.RUNNING && report.delivery() == job.delivery()) {
            return job;
        }
        String worker = report instanceof WorkEvent.WorkStarted started ? started.workerId() : job.workerId();
        boolean first = job.status() == JobStatus.QUEUED;
        Job running = save(job, job.startedBy(worker, report.delivery(), clock.instant()),
                first ? "started" : "taken over after a lost lock");
        if (first) {
            messages.started(running);
        }
        return running;
    }

    private void failOrRetry(Job running, WorkEvent.WorkFailed failed) {
        Instant now = clock.instant();
        if (failed.retryable() && running.attempt() < properties.maxAttempts()) {
            Job queued = save(running, running.retryAt(now.plus(backoff(running.attempt())), failed.errorCode(),
                    failed.message()), "retry after " + failed.errorCode());
            messages.retryScheduled(queued);
            return;
        }
        String message = failed.retryable()
                ? failed.message() + " (gave up after " + running.attempt() + " attempts)" : failed.message();
        messages.finished(save(running, running.fail(failed.errorCode(), message, now), "failed"));
    }

    /** Exponential: base × 2^(attempt-1), capped, times a random factor in [0.5, 1.5). */
    private Duration backoff(int attempt) {
        long base = properties.retryBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, properties.maxRetryBackoff().toMillis());
        return Duration.ofMillis((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble())));
    }

    private Job save(Job before, Job after, String reason) {
        jobs.update(before, after, reason);
        return after;
    }
}
