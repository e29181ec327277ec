package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.jobs.problems.JobsException;

/**
 * Cancels a queued or running job. The row lock orders a cancel against a worker's report: exactly one
 * of them finishes the job, and only its outcome is announced (release or capture, never both).
 * Workers running the job hear the cancellation on the job events and stop.
 */
@Service
public class CancelJobService {

    private final JobRepository jobs;
    private final JobTransitions transitions;
    private final Clock clock;

    CancelJobService(JobRepository jobs, JobTransitions transitions, Clock clock) {
        this.jobs = jobs;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Cancelling a cancelled job answers as the first time; any other finished job is not cancellable. */
    @Transactional
    public Job cancel(UUID jobId) {
        Job job = jobs.lock(jobId).orElseThrow(() -> new JobsException.JobNotFound(jobId));
        return job.cancel(clock.instant()).map(change -> {
            transitions.save(change);
            return change.after();
        }).orElse(job);
    }
}
