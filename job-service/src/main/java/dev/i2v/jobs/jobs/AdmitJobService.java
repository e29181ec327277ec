package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.kit.TraceContexts;

/**
 * Admits a waiting job: its dispatch record is written (through the outbox) and it counts against its account's
 * parallel limit from now on. Called by the scheduler, inside its pass's transaction.
 */
@Service
public class AdmitJobService {

    private final JobRepository jobs;
    private final JobTransitions transitions;
    private final Clock clock;
    private final TraceContexts traces;

    AdmitJobService(JobRepository jobs, JobTransitions transitions, Clock clock, TraceContexts traces) {
        this.traces = traces;
        this.jobs = jobs;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** @return false when the job no longer waits (cancelled, deleted or admitted meanwhile): nothing written */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean admit(UUID jobId) {
        return jobs.lockWaiting(jobId).map(job -> {
            // the dispatch record continues the submit's trace, not the scheduler's pass
            traces.run(jobs.traceparentOf(jobId).orElse(null), "admit", () ->
                    transitions.save(job.admit(clock.instant())));
            jobs.markAdmitted(jobId, clock.instant());
            return true;
        }).orElse(false);
    }
}
