package dev.i2v.jobs.progress;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.jobs.Job;
import dev.i2v.jobs.jobs.JobRepository;
import dev.i2v.jobs.jobs.JobStatus;
import dev.i2v.jobs.outbox.Outbox;

/** Moves a job along its state machine from what its worker reports, announcing each change. */
@Service
public class ApplyWorkReportService {

    private static final Logger log = LoggerFactory.getLogger(ApplyWorkReportService.class);

    private final JobRepository jobs;
    private final Outbox outbox;
    private final Clock clock;

    ApplyWorkReportService(JobRepository jobs, Outbox outbox, Clock clock) {
        this.jobs = jobs;
        this.outbox = outbox;
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
        if (report.attempt() != job.attempt() || job.status().terminal()) {
            log.info("report {} of attempt {} for job {} ({}, attempt {}) ignored", report.getClass().getSimpleName(),
                    report.attempt(), job.id(), job.status(), job.attempt());
            return;
        }
        if (report instanceof WorkEvent.WorkStarted started) {
            ensureRunning(job, started.workerId());
        } else if (report instanceof WorkEvent.WorkProgressed progressed) {
            Job running = ensureRunning(job, null);
            save(running, running.progressTo(progressed.progress()), "progress");
        } else if (report instanceof WorkEvent.WorkSucceeded succeeded) {
            Job running = ensureRunning(job, null);
            Job done = save(running, running.succeed(succeeded.output(), clock.instant()), "succeeded");
            announce(new JobEvent.JobSucceeded(UUID.randomUUID(), done.id(), done.accountId(), done.cost(),
                    done.output(), clock.instant()));
        } else if (report instanceof WorkEvent.WorkFailed failed) {
            // retries of transient failures come with the dispatch work (issue 4): every failure is final here
            Job done = save(job, job.fail(failed.errorCode(), failed.message(), clock.instant()), "failed");
            announce(new JobEvent.JobFailed(UUID.randomUUID(), done.id(), done.accountId(), failed.errorCode(),
                    failed.message(), clock.instant()));
        }
    }

    /** A report of progress or success implies the start, even if the start report has not been seen. */
    private Job ensureRunning(Job job, String workerId) {
        if (job.status() != JobStatus.QUEUED) {
            return job;
        }
        Job running = save(job, job.start(workerId, clock.instant()), "started");
        announce(new JobEvent.JobStarted(UUID.randomUUID(), running.id(), running.accountId(), running.attempt(),
                clock.instant()));
        return running;
    }

    private Job save(Job before, Job after, String reason) {
        jobs.update(before, after, reason);
        return after;
    }

    private void announce(JobEvent event) {
        outbox.append(Topics.JOB_EVENTS, event.jobId().toString(), event);
    }
}
