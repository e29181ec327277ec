package dev.i2v.jobs.jobs;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.problems.JobsException;

/**
 * Deletes a job for its owner: one that has not finished is cancelled first (its hold released, workers told),
 * then the job is hidden from reads and lists. The row stays: the ledger and the audit refer to it.
 */
@Service
public class DeleteJobService {

    private final JobRepository jobs;
    private final CancelJobService cancel;
    private final Clock clock;

    DeleteJobService(JobRepository jobs, CancelJobService cancel, Clock clock) {
        this.jobs = jobs;
        this.cancel = cancel;
        this.clock = clock;
    }

    @Transactional
    public JobsApi.DeletedJob delete(UUID jobId) {
        Job job = jobs.lockShown(jobId).orElseThrow(() -> new JobsException.JobNotFound(jobId));
        if (!job.status().terminal()) {
            job = cancel.cancel(jobId); // joins this transaction and keeps the row lock
        }
        jobs.markDeleted(jobId, clock.instant());
        return new JobsApi.DeletedJob(jobId, storedKeys(job));
    }

    private static List<String> storedKeys(Job job) {
        List<String> keys = new ArrayList<>();
        keys.add(job.image().key());
        if (job.state() instanceof JobState.Succeeded s && s.output() != null) {
            keys.add(s.output().key());
            // where the worker put it, or the gateway on a first download after the plan gained a watermark
            keys.add(ObjectKeys.watermarkedVideo(job.id()));
        }
        return keys;
    }
}
