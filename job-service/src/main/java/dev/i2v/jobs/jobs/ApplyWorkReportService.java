package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.JobsProperties;

/**
 * Moves a job along its state machine from what its worker reports ({@link Job#onReport}: fencing, takeover,
 * retry), under the job's row lock. Reports of a stale worker or about a finished job change nothing.
 */
@Service
public class ApplyWorkReportService {

    private static final Logger log = LoggerFactory.getLogger(ApplyWorkReportService.class);

    private final JobRepository jobs;
    private final JobTransitions transitions;
    private final RetryPolicy retries;
    private final Clock clock;

    ApplyWorkReportService(JobRepository jobs, JobTransitions transitions, JobsProperties properties, Clock clock) {
        this.jobs = jobs;
        this.transitions = transitions;
        this.retries = new RetryPolicy(properties.maxAttempts(), properties.retryBackoff(), properties.maxRetryBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
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
        List<JobChange> changes = job.onReport(report, retries, clock.instant());
        if (job.status().terminal() || job.isStale(report.attempt(), report.delivery())) {
            log.info("report {} of attempt {}/{} for job {} ({}, attempt {}/{}) ignored",
                    report.getClass().getSimpleName(), report.attempt(), report.delivery(), job.id(), job.status(),
                    job.attempt(), job.delivery());
        }
        transitions.saveAll(changes);
    }
}
