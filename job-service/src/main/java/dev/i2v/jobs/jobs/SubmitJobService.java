package dev.i2v.jobs.jobs;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.problems.JobsException;

/** Records a job and its dispatch message in one transaction: both exist, or neither. */
@Service
public class SubmitJobService {

    private final JobRepository jobs;
    private final JobMessages messages;
    private final Clock clock;

    SubmitJobService(JobRepository jobs, JobMessages messages, Clock clock) {
        this.jobs = jobs;
        this.messages = messages;
        this.clock = clock;
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SubmitJobService.class);

    /** Idempotent by job id: a retry of the same request returns the job recorded the first time. */
    @Transactional
    public Job submit(JobsApi.CreateJob request) {
        Job job = Job.queued(validated(request), lane(request.lane()), clock.instant());
        if (!jobs.insert(job)) {
            Job existing = jobs.find(request.jobId()).orElseThrow();
            if (!existing.matches(request)) {
                throw new JobsException.JobConflict(request.jobId());
            }
            return existing;
        }
        messages.dispatch(job);
        log.info("job {} queued on the {} lane", job.id(), job.lane().wireName());
        return job;
    }

    private static JobsApi.CreateJob validated(JobsApi.CreateJob request) {
        if (request.jobId() == null || request.accountId() == null || request.imageKey() == null
                || request.model() == null || request.prompt() == null || request.resolution() == null) {
            throw new JobsException.InvalidJobRequest("job_id, account_id, model, prompt, resolution and image_key are required");
        }
        if (request.durationSeconds() <= 0 || request.cost() < 0) {
            throw new JobsException.InvalidJobRequest("duration must be positive and cost not negative");
        }
        return request;
    }

    private static Lane lane(String lane) {
        try {
            return Lane.fromWireName(lane == null ? "standard" : lane);
        } catch (IllegalArgumentException e) {
            throw new JobsException.InvalidJobRequest("no lane named '" + lane + "'");
        }
    }
}
