package dev.i2v.jobs.jobs;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.problems.JobsException;
import dev.i2v.kit.TraceContexts;

/** Records a job, queued: the scheduler dispatches it when it may start. */
@Service
public class SubmitJobService {

    private static final Logger log = LoggerFactory.getLogger(SubmitJobService.class);

    private final JobRepository jobs;
    private final JobTransitions transitions;
    private final Clock clock;
    private final TraceContexts traces;

    SubmitJobService(JobRepository jobs, JobTransitions transitions, Clock clock, TraceContexts traces) {
        this.traces = traces;
        this.jobs = jobs;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** Idempotent by job id: a retry of the same request returns the job recorded the first time. */
    @Transactional
    public Job submit(JobsApi.CreateJob request) {
        JobChange submitted = Job.submitted(validated(request), clock.instant());
        Integer timeout = request.queueTimeoutSeconds();
        JobRepository.Admission admission = new JobRepository.Admission(request.parallelLimit(),
                timeout == null ? null : submitted.after().createdAt().plusSeconds(timeout), traces.current(),
                request.turnWeight() == null ? 1 : request.turnWeight());
        if (!transitions.insert(submitted, admission)) {
            Job existing = jobs.find(request.jobId()).orElseThrow();
            if (!existing.matches(request)) {
                throw new JobsException.JobConflict(request.jobId());
            }
            return existing;
        }
        Job job = submitted.after();
        log.info("job {} queued on the {} lane", job.id(), job.lane().wireName());
        return job;
    }

    private static JobsApi.CreateJob validated(JobsApi.CreateJob request) {
        if (request.jobId() == null || request.accountId() == null || request.image() == null
                || request.image().key() == null || request.model() == null || request.prompt() == null
                || request.resolution() == null) {
            throw new JobsException.InvalidJobRequest("job_id, account_id, model, prompt, resolution and image are required");
        }
        if (request.durationSeconds() <= 0 || request.cost() < 0) {
            throw new JobsException.InvalidJobRequest("duration must be positive and cost not negative");
        }
        if (request.turnWeight() != null && (request.turnWeight() < 1 || request.turnWeight() > 100)) {
            throw new JobsException.InvalidJobRequest("turn_weight must be between 1 and 100");
        }
        return request;
    }
}
