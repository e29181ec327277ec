package dev.i2v.jobs.jobs;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.problems.JobsException;

/**
 * An operator requeues a failed job: a new job with the same inputs, its own hold and its own id, queued like a
 * submit. The failed job stays failed — a finished job never changes state, so clients, event streams and webhooks
 * that saw it end are not contradicted, and each hold still belongs to one job and resolves once.
 */
@Service
public class RequeueJobService {

    private static final Logger log = LoggerFactory.getLogger(RequeueJobService.class);

    private final JobRepository jobs;
    private final SubmitJobService submits;

    RequeueJobService(JobRepository jobs, SubmitJobService submits) {
        this.jobs = jobs;
        this.submits = submits;
    }

    /**
     * Creates {@code request} (the gateway held its points and stored its image) as the requeue of {@code failedId},
     * once: a retry of the same request returns the same job; another requeue of the same failed job is refused.
     */
    @Transactional
    public Job requeue(UUID failedId, JobsApi.CreateJob request) {
        // the failed job's lock orders concurrent requeues of it: the second sees the first's job
        Job failed = jobs.lock(failedId).orElseThrow(() -> new JobsException.JobNotFound(failedId));
        Optional<UUID> earlier = jobs.requeuedAs(failedId);
        if (earlier.isPresent()) {
            if (earlier.get().equals(request.jobId())) {
                return submits.submit(request);
            }
            throw new JobsException.AlreadyRequeued(failedId, earlier.get());
        }
        refuseUnlessRequeueable(failed, request);
        Job requeued = submits.submit(request);
        jobs.markRequeued(requeued.id(), failedId);
        log.info("job {} (failed) requeued as job {}", failedId, requeued.id());
        return requeued;
    }

    private void refuseUnlessRequeueable(Job failed, JobsApi.CreateJob request) {
        if (failed.status() != JobStatus.FAILED) {
            throw new JobsException.JobNotRequeueable(failed.id(), "only a failed job can be requeued; this one is "
                    + failed.status().wireName());
        }
        if (jobs.findShown(failed.id()).isEmpty()) {
            throw new JobsException.JobNotRequeueable(failed.id(), "its owner deleted it");
        }
        if (!failed.accountId().equals(request.accountId()) || !failed.model().equals(request.model())
                || !failed.prompt().equals(request.prompt()) || failed.durationSeconds() != request.durationSeconds()
                || !failed.resolution().equals(request.resolution()) || failed.lane() != request.lane()) {
            throw new JobsException.InvalidJobRequest("a requeue repeats the failed job's account, model, prompt, "
                    + "duration, resolution and lane");
        }
    }
}
